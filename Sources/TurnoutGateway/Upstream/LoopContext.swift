import TurnoutStats
import NIOCore
import TurnoutCore

/// State owned by one event loop: its upstream pools, its random source, and the exchanges whose
/// deadlines it sweeps. Only ever touched on its own loop, so it needs no locks.
final class LoopContext {
    let eventLoop: any EventLoop
    let metrics: GatewayMetrics
    var random = SeededGenerator.fromEntropy()
    /// Request ids come from the system's cryptographic source, read in blocks by this loop.
    private var requestIDs = RequestIDGenerator()
    private var pools: [Int: UpstreamPool] = [:]
    /// Metric handles this loop has used, keyed cheaply by version object and status.
    private var requestMetrics: [RequestMetricKey: GatewayMetrics.RequestHandles] = [:]

    private struct RequestMetricKey: Hashable {
        let version: ObjectIdentifier?
        let model: String
        let status: Int
    }
    /// Held and refused counters by model, looked up once per loop.
    private var holdCounters: [String: HoldCounters] = [:]
    private var watched: [InferenceHandler] = []
    /// Client connections open on this loop, closed by force when the shutdown grace runs out.
    private var clientChannels: [ObjectIdentifier: any Channel] = [:]
    private var sweeping = false
    /// Client connections whose client timeouts this loop checks.
    private var clients: [InferenceHandler] = []
    private var sweepingClients = false
    /// The limits of the newest connection, which the client sweep applies to all of them.
    private var clientLimits = ListenerLimits.dataPlane

    /// How often deadlines and held requests are checked; timeouts fire, and a held request
    /// finds a new instance, at most this much late.
    static let sweepInterval = TimeAmount.milliseconds(20)

    /// The loop's clock. The data plane reads every time from it, never from `NIODeadline.now()`,
    /// so a test on an `EmbeddedEventLoop` drives its timeouts with `advanceTime` instead of waiting.
    var now: NIODeadline { eventLoop.now }

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

    /// Counts one answered request, looking its metric handles up without a lock.
    func recordRequest(model: String, version: VersionRuntime?, status: Int, duration: TimeAmount) {
        let key = RequestMetricKey(version: version.map(ObjectIdentifier.init), model: model, status: status)
        let handles: GatewayMetrics.RequestHandles
        if let cached = requestMetrics[key] {
            handles = cached
        } else {
            handles = metrics.requestHandles(model: model, version: version?.name ?? "none", status: status)
            requestMetrics[key] = handles
        }
        handles.counter.increment()
        handles.timer.recordNanoseconds(duration.nanoseconds)
    }

    /// The held and refused counters of `model`, without a lock once this loop has used them.
    func holdCounters(model: String) -> HoldCounters {
        if let counters = holdCounters[model] { return counters }
        let counters = metrics.holdCounters(model: model)
        holdCounters[model] = counters
        return counters
    }

    /// Remembers a client connection until it closes.
    func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        clientChannels[id] = channel
        channel.closeFuture.assumeIsolated().whenComplete { _ in
            self.clientChannels[id] = nil
        }
    }

    /// Retires the pools of instances that are no longer in the routing table: their idle
    /// connections close now, busy ones when their exchange ends.
    func retirePools(keeping live: Set<Int>) {
        for (id, pool) in pools where !live.contains(id) {
            pool.retire()
            pools[id] = nil
        }
    }

    /// Closes every client connection and pooled upstream connection of this loop.
    func closeEverything() {
        for channel in clientChannels.values { channel.close(promise: nil) }
        for pool in pools.values { pool.retire() }
        pools.removeAll()
    }

    /// Requests this loop has in flight to `instance`, for least-outstanding picks.
    func outstanding(on instance: UpstreamInstance) -> Int {
        pools[instance.id]?.outstanding ?? 0
    }

    /// A new request id, unguessable and time-ordered (see ``RequestIDGenerator``).
    func makeRequestID() -> String {
        requestIDs.next()
    }

    // MARK: Client timeouts

    /// Starts checking `handler`'s client timeouts under `limits` until ``forgetClient(_:)``.
    ///
    /// One sweep per loop checks every connection instead of a timer per connection, so
    /// requests only update a few fields and never touch the scheduler.
    func trackClient(_ handler: InferenceHandler, limits: ListenerLimits) {
        clientLimits = limits
        guard handler.clientIndex == nil else { return }
        handler.clientIndex = clients.count
        clients.append(handler)
        if !sweepingClients {
            sweepingClients = true
            scheduleClientSweep()
        }
    }

    /// Stops checking `handler`'s client timeouts.
    func forgetClient(_ handler: InferenceHandler) {
        guard let index = handler.clientIndex else { return }
        handler.clientIndex = nil
        let last = clients.removeLast()
        if index < clients.count {
            clients[index] = last
            last.clientIndex = index
        }
    }

    /// A tenth of the shortest client timeout, from 10 ms to 1 s: timeouts fire at most that late.
    static func clientSweepInterval(for limits: ListenerLimits) -> TimeAmount {
        let shortest = min(limits.headerTimeout, limits.bodyTimeout, limits.idleTimeout)
        return TimeAmount(min(max(shortest / 10, .milliseconds(10)), .seconds(1)))
    }

    private func scheduleClientSweep() {
        eventLoop.assumeIsolated().scheduleTask(in: Self.clientSweepInterval(for: clientLimits)) {
            self.sweepClients()
        }
    }

    private func sweepClients() {
        let now = self.now
        let limits = clientLimits
        // Iterate over a copy: a timed-out handler forgets itself while we go.
        for handler in clients { handler.checkClientTimeouts(now: now, limits: limits) }
        if clients.isEmpty {
            sweepingClients = false
        } else {
            scheduleClientSweep()
        }
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
        let now = self.now
        // Iterate over a copy: a timed-out handler unwatches itself while we go.
        for handler in watched { handler.checkDeadlines(now: now) }
        if watched.isEmpty {
            sweeping = false
        } else {
            scheduleSweep()
        }
    }
}
