import TurnoutStats

/// Decides which version answers a request. Pure and synchronous: it runs on the data plane's
/// event loops for every request, so it must not block, allocate needlessly or touch I/O.
///
/// Each release strategy supplies its own policy; the data plane only ever sees this protocol.
public protocol RoutingPolicy: Sendable {
    /// The decision for one request, using `random` for any draw so tests can seed it.
    func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision

    /// Each version's share of traffic in percent, for metrics and status.
    var weights: [VersionWeight] { get }

    /// Whether ``decide(_:random:)`` reads ``RoutingRequest/attributes`` (headers and request
    /// parameters); the data plane only collects them when it does.
    var needsAttributes: Bool { get }

    /// Whether the attributes must include the body's OIP parameters, so the data plane reads
    /// the body before deciding; by default whenever attributes are needed.
    var needsBodyAttributes: Bool { get }
}

extension RoutingPolicy {
    public var needsAttributes: Bool { false }
    public var needsBodyAttributes: Bool { needsAttributes }
}
