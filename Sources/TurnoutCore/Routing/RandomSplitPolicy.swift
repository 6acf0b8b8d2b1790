import TurnoutStats

/// Divides traffic by weight with a fresh draw for every request, unit key or not: a bandit's
/// routing, whose logged propensities assume every request is drawn independently.
public struct RandomSplitPolicy: RoutingPolicy {
    private let split: SplitPolicy

    /// Creates the policy; at least one weight must be above zero.
    public init(weights: [VersionWeight], salt: String) {
        split = SplitPolicy(weights: weights, salt: salt)
    }

    public var weights: [VersionWeight] { split.weights }

    public func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        split.decide(RoutingRequest(unitKey: nil), random: &random)
    }
}
