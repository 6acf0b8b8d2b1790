/// A bandit routes by the traffic shares its controller last published.
extension BanditSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.bandit

    public var referencedVersions: [String] { arms }
    public var baselineVersion: String { arms[0] }

    /// Without a recorded winner, a manual promotion goes to the last arm listed.
    public func promotionTarget(stable: String?) -> String? {
        arms.last { $0 != stable } ?? arms[0]
    }

    /// Before the controller's first update, and whenever it has none: equal shares.
    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        routingPolicy(shares: shares ?? equalWeights, salt: salt)
    }
}

extension ReleaseSpec {
    /// A multi-armed bandit.
    public static func bandit(_ bandit: BanditSpec) -> ReleaseSpec {
        ReleaseSpec(bandit)
    }
}
