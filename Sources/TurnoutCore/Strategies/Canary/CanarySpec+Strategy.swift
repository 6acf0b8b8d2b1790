/// A canary names its stable version and routes by its current step.
extension CanarySpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.canary

    public var referencedVersions: [String] { [stable, canary] }
    public var baselineVersion: String { stable }
    public var namedStableVersion: String? { stable }
    public var lifecycleStepCount: Int { stepCount }
    public var rollbackPeriod: Double? { rollbackWindow }

    public func promotionTarget(stable: String?) -> String? { canary }

    /// The split of the release's current step.
    public func progressingRouting(in state: ReleaseState) -> ReleaseSpec {
        .split(weights: CanaryController.routingWeights(spec: self, state: state))
    }

    /// The first step's split; the release's current step routes through ``progressingRouting(in:)``.
    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SplitPolicy(weights: weights(canaryPercent: weight(atStep: 0)), salt: salt)
    }
}

extension ReleaseSpec {
    /// A canary release.
    public static func canary(_ canary: CanarySpec) -> ReleaseSpec {
        ReleaseSpec(canary)
    }
}
