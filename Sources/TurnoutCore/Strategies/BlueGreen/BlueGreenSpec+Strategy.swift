import TurnoutStats

/// Blue-green names its active version, routes to it until the switch (requests that ask for
/// the preview reach the preview), and may mirror to the preview beforehand.
extension BlueGreenSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.bluegreen

    public var referencedVersions: [String] { [active, preview] }
    public var baselineVersion: String { active }
    public var soleVersion: String? { active }
    public var namedStableVersion: String? { active }
    public var lifecycleStepCount: Int { stepCount }
    public var rollbackPeriod: Double? { rollbackWindow }

    public func promotionTarget(stable: String?) -> String? { preview }

    /// Before the switch, a sample mirrored to the preview for the pre-promotion analysis.
    public var mirroring: ShadowSpec? {
        guard let pre = prePromotion, pre.mirror > 0 else { return nil }
        let thresholds = ShadowThresholds(minPairs: pre.minPairs, maxLatencyP99Ratio: pre.maxLatencyP99Ratio, maxErrorRate: pre.maxErrorRate)
        return ShadowSpec(primary: active, shadows: [preview], sample: pre.mirror, compare: ShadowSpec.Compare(thresholds: thresholds))
    }

    /// The smoke tests' request and expected-output files resolved.
    public func resolvingPaths(_ resolve: (String) -> String) -> BlueGreenSpec {
        var resolved = self
        for index in resolved.smoke.indices {
            resolved.smoke[index].request = resolve(smoke[index].request)
            resolved.smoke[index].expectOutput = smoke[index].expectOutput.map(resolve)
        }
        return resolved
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        BlueGreenPolicy(spec: self)
    }
}

extension ReleaseSpec {
    /// A blue-green release.
    public static func bluegreen(_ blueGreen: BlueGreenSpec) -> ReleaseSpec {
        ReleaseSpec(blueGreen)
    }
}
