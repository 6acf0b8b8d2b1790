import TurnoutStats

/// Sends every request to one version, naming the shadows that may get a copy.
public struct SinglePolicy: RoutingPolicy {
    /// The version that answers everything.
    public let version: String
    /// Versions every decision names as shadows (the data plane samples which requests go to them).
    public let shadows: [String]

    /// Creates the policy.
    public init(version: String, shadows: [String] = []) {
        self.version = version
        self.shadows = shadows
    }

    public func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        Decision(primary: version, shadows: shadows, reason: .single, probability: 1)
    }

    public var weights: [VersionWeight] { [VersionWeight(version: version, weight: 100)] }
}
