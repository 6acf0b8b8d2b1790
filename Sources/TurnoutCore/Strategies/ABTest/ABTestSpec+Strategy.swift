/// An A/B test routes as a sticky split by its weights until it concludes.
extension ABTestSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.abtest

    public var referencedVersions: [String] { arms }
    public var baselineVersion: String { control }

    /// The variant with the largest weight, as for a split with the control as stable.
    public func promotionTarget(stable: String?) -> String? {
        SplitSpec(weights: weights).promotionTarget(stable: stable ?? control)
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SplitPolicy(weights: weights, salt: salt)
    }
}

extension ReleaseSpec {
    /// An A/B(/n) test.
    public static func abtest(_ test: ABTestSpec) -> ReleaseSpec {
        ReleaseSpec(test)
    }
}
