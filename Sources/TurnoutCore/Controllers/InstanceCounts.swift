/// What the supervisor reports about one `process` version's instances, as a controller that
/// replaces instances sees them on a step.
///
/// Cheap to gather (the supervisor holds it in memory), so the gateway passes it to every step
/// of `rolling` and `recreate` rather than answering an observation action. A version the
/// gateway does not report counts as ``none``.
package struct InstanceCounts: Sendable, Equatable {
    /// Started, not yet ready.
    package var starting: Int
    /// Passing the readiness probe; they receive traffic.
    package var ready: Int
    /// Receiving no new requests, finishing their in-flight ones before they stop.
    package var draining: Int
    /// Exited and waiting for a restart, or given up on.
    package var failed: Int
    /// When each ready instance became ready, so a controller can require a minimum ready time.
    package var availableSince: [Double]
    /// Whether instances keep crashing soon after they start.
    package var crashLooping: Bool

    /// Counts as they are; `availableSince` defaults to "ready since the beginning of time" for
    /// each ready instance.
    package init(starting: Int = 0, ready: Int = 0, draining: Int = 0, failed: Int = 0, availableSince: [Double]? = nil, crashLooping: Bool = false) {
        self.starting = starting
        self.ready = ready
        self.draining = draining
        self.failed = failed
        self.availableSince = availableSince ?? Array(repeating: -Double.infinity, count: ready)
        self.crashLooping = crashLooping
    }

    /// No instance at all.
    package static let none = InstanceCounts()

    /// Instances that serve or will serve: starting or ready (draining ones are on their way out).
    package var running: Int { starting + ready }

    /// Every instance that still exists as a process: starting, ready or draining.
    package var alive: Int { starting + ready + draining }

    /// Ready instances that have been ready for at least `minReady` seconds at `now`.
    package func available(minReady: Double, now: Double) -> Int {
        availableSince.count(where: { now - $0 >= minReady })
    }
}

extension [String: InstanceCounts] {
    /// The counts of `version`, zero when it is not reported.
    package func of(_ version: String) -> InstanceCounts {
        self[version] ?? .none
    }
}
