import TurnoutStats
import NIOCore
import TurnoutCore

/// State owned by one event loop: its upstream pools, its random source, and the exchanges whose
/// deadlines it sweeps. Only ever touched on its own loop, so it needs no locks.
final class LoopContext {
    let eventLoop: any EventLoop
    let metrics: GatewayMetrics
    var random = SeededGenerator.fromEntropy()
    private var pools: [Int: UpstreamPool] = [:]
    private var watched: [InferenceHandler] = []
    private var sweeping = false

    /// How often deadlines are checked; timeouts fire at most this much late.
    static let sweepInterval = TimeAmount.milliseconds(20)

    init(eventLoop: any EventLoop, metrics: GatewayMetrics) {
        self.eventLoop = eventLoop
        self.metrics = metrics
    }

    /// The pool of connections from this loop to `instance`, created on first use.
    func pool(for instance: UpstreamInstance, config: UpstreamConfig) -> UpstreamPool {
        if let pool = pools[instance.id] { return pool }
        let pool = UpstreamPool(instance: instance, config: config, loop: self)
        pools[instance.id] = pool
        return pool
    }

    /// Requests this loop has in flight to `instance`, for least-outstanding picks.
    func outstanding(on instance: UpstreamInstance) -> Int {
        pools[instance.id]?.outstanding ?? 0
    }

    /// A new request id: 128 random bits in hex.
    func makeRequestID() -> String {
        let high = random.next()
        let low = random.next()
        return Self.hex(high) + Self.hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    // MARK: Deadlines

    /// Starts checking `handler`'s deadlines until ``unwatch(_:)``.
    func watch(_ handler: InferenceHandler) {
        guard handler.watchIndex == nil else { return }
        handler.watchIndex = watched.count
        watched.append(handler)
        if !sweeping {
            sweeping = true
            scheduleSweep()
        }
    }

    /// Stops checking `handler`'s deadlines.
    func unwatch(_ handler: InferenceHandler) {
        guard let index = handler.watchIndex else { return }
        handler.watchIndex = nil
        let last = watched.removeLast()
        if index < watched.count {
            watched[index] = last
            last.watchIndex = index
        }
    }

    private func scheduleSweep() {
        eventLoop.assumeIsolated().scheduleTask(in: Self.sweepInterval) {
            self.sweep()
        }
    }

    private func sweep() {
        let now = NIODeadline.now()
        // Iterate over a copy: a timed-out handler unwatches itself while we go.
        for handler in watched { handler.checkDeadlines(now: now) }
        if watched.isEmpty {
            sweeping = false
        } else {
            scheduleSweep()
        }
    }
}
