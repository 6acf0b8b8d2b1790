import AsyncHTTPClient
import Foundation
import Logging

/// Keeps the wanted number of instances of each version running through an ``InstanceDriver``:
/// starts them, probes their readiness, restarts the ones that end with a backoff, drains the
/// ones scaled away, and tells when the set of ready instances changes.
///
/// ```swift
/// let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: logger), logger: logger)
/// await supervisor.setReplicas(3, of: key, launch: launch)
/// for await _ in await supervisor.readySetChanges() {
///     publish(await supervisor.readyAddresses(of: key))
/// }
/// ```
package actor InstanceSupervisor {
    let driver: any InstanceDriver
    let client: HTTPClient
    let logger: Logger
    let timing: InstanceTiming
    let now: @Sendable () -> Date

    var slots: [InstanceKey: [Int: InstanceSlot]] = [:]
    private var lastNumber = 0
    /// The tasks stopping drained instances, until each is done.
    var stopping: [Int: Task<Void, Never>] = [:]
    private var isShutDown = false
    private var subscribers: [Int: AsyncStream<Void>.Continuation] = [:]
    private var lastSubscriber = 0

    /// - Parameters:
    ///   - driver: starts and stops the instances.
    ///   - client: probes their readiness.
    ///   - timing: probe intervals, backoff, crash-loop rule and drain delay.
    ///   - now: the clock the reported times (``InstanceStatus/readySince``) are read from.
    package init(
        driver: any InstanceDriver,
        client: HTTPClient = .shared,
        logger: Logger,
        timing: InstanceTiming = InstanceTiming(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.driver = driver
        self.client = client
        self.logger = logger
        self.timing = timing
        self.now = now
    }

    /// Runs `count` instances of `key`, each started from `launch`.
    ///
    /// Starts the missing instances, or drains the surplus: the ones not ready first, then the
    /// newest. A drained instance leaves the ready set at once and is stopped after the drain
    /// delay. Calling it again with the same count changes nothing; a changed `launch` applies to
    /// the instances started afterwards. After ``shutdown()`` it does nothing.
    package func setReplicas(_ count: Int, of key: InstanceKey, launch: InstanceLaunch) {
        guard !isShutDown else { return }
        let running = (slots[key] ?? [:]).values.filter { !$0.draining }
        let wanted = max(0, count)
        if running.count < wanted {
            for _ in running.count..<wanted { startSlot(of: key, launch: launch) }
        } else {
            for slot in Self.surplus(running, keeping: wanted) { drain(slot.number, of: key, after: timing.drainDelay) }
        }
    }

    /// The instances of `key`, in the order they were started.
    package func instances(of key: InstanceKey) -> [InstanceStatus] {
        (slots[key] ?? [:]).values.sorted { $0.number < $1.number }.map(\.status)
    }

    /// Where the ready instances of `key` listen, in the order they were started.
    package func readyAddresses(of key: InstanceKey) -> [InstanceAddress] {
        (slots[key] ?? [:]).values.filter(\.isReady).sorted { $0.number < $1.number }.compactMap { $0.handle?.address }
    }

    /// An element each time the ready set of any key changed (only the newest is buffered), so
    /// the gateway can rebuild its routing; ends after ``shutdown()``.
    package func readySetChanges() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        guard !isShutDown else {
            continuation.finish()
            return stream
        }
        lastSubscriber += 1
        let id = lastSubscriber
        subscribers[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    /// Stops every instance (`SIGTERM`, `SIGKILL` after its grace) and waits until all ended.
    package func shutdown() async {
        isShutDown = true
        for (key, group) in slots {
            for number in group.keys { drain(number, of: key, after: .zero) }
        }
        while let task = stopping.values.first {
            await task.value
        }
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    /// The instances to drain so `keeping` remain: not ready ones first, then the newest.
    static func surplus(_ running: [InstanceSlot], keeping: Int) -> [InstanceSlot] {
        let order = running.sorted { ($0.isReady ? 1 : 0, -$0.number) < ($1.isReady ? 1 : 0, -$1.number) }
        return Array(order.prefix(max(0, running.count - keeping)))
    }

    func notifyReadySetChanged() {
        for continuation in subscribers.values { continuation.yield() }
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
    }

    private func startSlot(of key: InstanceKey, launch: InstanceLaunch) {
        lastNumber += 1
        var slot = InstanceSlot(number: lastNumber, launch: launch, backoff: timing.firstBackoff)
        let number = slot.number
        slot.task = Task { await self.keepRunning(number, of: key) }
        slots[key, default: [:]][number] = slot
    }
}
