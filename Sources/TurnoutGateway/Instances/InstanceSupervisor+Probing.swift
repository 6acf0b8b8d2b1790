import AsyncHTTPClient
import NIOCore

extension InstanceSupervisor {
    /// Probes the instance's readiness path until the task is cancelled: often while it is not
    /// ready, seldom once it is.
    nonisolated func probe(_ address: InstanceAddress, path: String, number: Int, key: InstanceKey) async {
        let url = address.url + path
        while !Task.isCancelled {
            let passed = await probeOnce(url)
            guard !Task.isCancelled else { return }
            let ready = await recordProbe(passed, of: number, of: key)
            do {
                try await Task.sleep(for: ready ? timing.probeWhileReady : timing.probeWhileStarting)
            } catch {
                return
            }
        }
    }

    /// Whether `url` answers `200`.
    private nonisolated func probeOnce(_ url: String) async -> Bool {
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: TimeAmount(timing.probeTimeout))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status == .ok
        } catch {
            return false
        }
    }

    /// Records a probe's result; whether the instance is ready now.
    private func recordProbe(_ passed: Bool, of number: Int, of key: InstanceKey) -> Bool {
        guard var slot = slots[key]?[number], slot.handle != nil, !slot.draining else { return false }
        let wasReady = slot.isReady
        if passed {
            slot.failedProbes = 0
            if slot.ready == nil {
                slot.ready = (now(), .now)
                slot.exitsSinceReady = []
                slot.crashLoop = nil
            }
        } else if slot.ready != nil {
            slot.failedProbes += 1
            if slot.failedProbes >= timing.failuresBeforeUnready {
                slot.ready = nil
                logger.warning("instance stopped passing its readiness probe", metadata: ["model": "\(key.model)", "version": "\(key.version)", "instance": "\(number)"])
            }
        }
        slots[key]?[number] = slot
        if slot.isReady != wasReady { notifyReadySetChanged() }
        return slot.isReady
    }
}
