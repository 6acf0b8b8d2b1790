import Logging
import Foundation

extension InstanceSupervisor {
    /// Starts the instance, watches it until it ends, and restarts it after its backoff, until it
    /// is drained.
    func keepRunning(_ number: Int, of key: InstanceKey) async {
        while let launch = slots[key]?[number]?.launch, slots[key]?[number]?.draining == false {
            let name = InstanceName(key: key, number: number)
            let ending: String
            do {
                let handle = try await driver.start(launch, name: name)
                guard adopt(handle, as: number, of: key) else {
                    // Drained while it was starting: nothing was routed to it, so no drain delay.
                    await handle.stop(grace: launch.grace)
                    return
                }
                let exit = await watch(handle, as: number, of: key, probing: launch.readyPath)
                ending = exit.description
            } catch {
                ending = "cannot start: \(error)"
            }
            guard let backoff = recordEnd(ending, of: number, of: key) else { return }
            do {
                try await Task.sleep(for: backoff)
            } catch {
                return
            }
        }
    }

    /// Records the started instance's handle; `false` when the slot was drained meanwhile.
    private func adopt(_ handle: any InstanceHandle, as number: Int, of key: InstanceKey) -> Bool {
        guard slots[key]?[number]?.draining == false else { return false }
        slots[key]?[number]?.handle = handle
        return true
    }

    /// Probes the instance until it ends; how it ended.
    private func watch(_ handle: any InstanceHandle, as number: Int, of key: InstanceKey, probing path: String) async -> InstanceExit {
        await withTaskGroup(of: InstanceExit?.self) { group in
            group.addTask { await handle.exit() }
            group.addTask {
                await self.probe(handle.address, path: path, number: number, key: key)
                return nil
            }
            // When the slot is drained, the probes end first and the exit follows the stop.
            for await result in group {
                if let result {
                    group.cancelAll()
                    return result
                }
            }
            // Not reached: the exit's task always returns one.
            return InstanceExit(status: .exited(0))
        }
    }

    /// Records how the instance's process ended; the wait before its restart, or `nil` when it
    /// was drained and is not to be restarted.
    private func recordEnd(_ ending: String, of number: Int, of key: InstanceKey) -> Duration? {
        guard var slot = slots[key]?[number], !slot.draining else { return nil }
        let wasReady = slot.isReady
        let instant = ContinuousClock.now
        if let ready = slot.ready, ready.at.duration(to: instant) >= timing.stableAfter {
            slot.backoff = timing.firstBackoff
        }
        slot.handle = nil
        slot.ready = nil
        slot.failedProbes = 0
        slot.restarts += 1
        slot.lastExit = ending
        slot.exitsSinceReady = slot.exitsSinceReady.filter { $0.duration(to: instant) < timing.crashLoopWindow } + [instant]
        let backoff = slot.backoff
        slot.backoff = timing.backoff(after: backoff)
        let metadata: Logger.Metadata = ["model": "\(key.model)", "version": "\(key.version)", "instance": "\(number)", "restart_in": "\(backoff)"]
        if slot.exitsSinceReady.count >= timing.crashLoopExits {
            slot.crashLoop = ending
            logger.warning("instance in a crash loop: \(ending)", metadata: metadata)
        } else {
            logger.info("instance ended: \(ending)", metadata: metadata)
        }
        slots[key]?[number] = slot
        if wasReady { notifyReadySetChanged() }
        return backoff
    }

    /// Takes the instance out of the ready set, and stops it after `delay` if it was ready (one
    /// that was not got no requests to finish).
    func drain(_ number: Int, of key: InstanceKey, after delay: Duration) {
        guard var slot = slots[key]?[number], !slot.draining else { return }
        let wasReady = slot.isReady
        slot.draining = true
        slots[key]?[number] = slot
        if wasReady { notifyReadySetChanged() }
        slot.task?.cancel()
        stopping[number] = Task { [handle = slot.handle, task = slot.task, grace = slot.launch.grace] in
            if wasReady, delay > .zero { try? await Task.sleep(for: delay) }
            await handle?.stop(grace: grace)
            // The restart loop ends once the process it watched has ended.
            await task?.value
            self.remove(number, of: key)
        }
    }

    private func remove(_ number: Int, of key: InstanceKey) {
        slots[key]?[number] = nil
        if slots[key]?.isEmpty == true { slots[key] = nil }
        stopping[number] = nil
    }
}

