import TurnoutStats

/// Sends every request to one version.
public struct SinglePolicy: RoutingPolicy {
    /// The version that answers everything.
    public let version: String

    /// Creates the policy.
    public init(version: String) {
        self.version = version
    }

    public func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        Decision(primary: version, reason: .single, probability: 1)
    }

    public var weights: [VersionWeight] { [VersionWeight(version: version, weight: 100)] }
}
