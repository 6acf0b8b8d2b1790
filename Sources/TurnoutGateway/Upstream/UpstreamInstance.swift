import Atomics
import NIOCore
import TurnoutCore

/// One upstream model-server instance and its health, shared by every event loop.
///
/// Health is kept in atomics so that the request path reads it without a lock.
final class UpstreamInstance: Sendable {
    /// Unique within the process, so per-loop pools can be keyed by it.
    let id: Int
    let url: UpstreamURL
    /// `url.authority`, the `Host` header value, worked out once: every forwarded request sets
    /// it, and computing it per request (through Foundation's `contains`) cost about 2% of the
    /// data plane's CPU.
    let hostHeader: String
    /// The resolved address when the host is an IP literal, so connecting needs no DNS look-up.
    let socketAddress: SocketAddress?
    let ejection: EjectionPolicy

    private let consecutiveFailures = ManagedAtomic<Int>(0)
    private let ejectedUntilNanos = ManagedAtomic<UInt64>(0)
    private let probeSaysReady = ManagedAtomic<Bool>(true)

    private static let nextID = ManagedAtomic<Int>(1)

    init(url: UpstreamURL, ejection: EjectionPolicy) {
        self.id = Self.nextID.loadThenWrappingIncrement(ordering: .relaxed)
        self.url = url
        self.hostHeader = url.authority
        self.socketAddress = try? SocketAddress(ipAddress: url.host, port: url.port)
        self.ejection = ejection
    }

    /// Whether requests may be sent here now: the last probe passed and it is not ejected.
    func isAvailable(at now: NIODeadline) -> Bool {
        probeSaysReady.load(ordering: .relaxed)
            && now.uptimeNanoseconds >= ejectedUntilNanos.load(ordering: .relaxed)
    }

    /// Counts a failed connection attempt; returns true when this failure ejected the instance.
    @discardableResult
    func recordConnectFailure(at now: NIODeadline) -> Bool {
        let failures = consecutiveFailures.wrappingIncrementThenLoad(ordering: .relaxed)
        guard failures >= ejection.consecutiveFailures else { return false }
        consecutiveFailures.store(0, ordering: .relaxed)
        let until = now + TimeAmount(ejection.cooldown)
        ejectedUntilNanos.store(until.uptimeNanoseconds, ordering: .relaxed)
        return true
    }

    /// Counts a successful connection, which clears the failure streak.
    func recordConnectSuccess() {
        if consecutiveFailures.load(ordering: .relaxed) != 0 {
            consecutiveFailures.store(0, ordering: .relaxed)
        }
    }

    /// Records the outcome of an active readiness probe. A passing probe also lifts an ejection.
    func recordProbe(ready: Bool) {
        probeSaysReady.store(ready, ordering: .relaxed)
        if ready { ejectedUntilNanos.store(0, ordering: .relaxed) }
    }

    var lastProbeReady: Bool { probeSaysReady.load(ordering: .relaxed) }
}

extension TimeAmount {
    /// Converts a standard-library duration.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
