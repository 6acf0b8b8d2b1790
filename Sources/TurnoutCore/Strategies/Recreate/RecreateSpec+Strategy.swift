/// A recreate release names `from` as its stable version and, on its own, routes everything to
/// it; once ``RecreateController`` has stopped `from`, it routes everything to `to`
/// (``RecreateController/routingWeights(spec:state:progress:)``) and the data plane holds
/// requests until `to` is ready.
extension RecreateSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.recreate

    public var referencedVersions: [String] { [from, to] }
    public var baselineVersion: String { from }
    public var namedStableVersion: String? { from }

    public func promotionTarget(stable: String?) -> String? { to }

    /// Both versions must be `process` versions: the release stops and starts instances the gateway runs.
    public func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue] {
        config.processVersionIssues(["from": from, "to": to], strategy: .recreate, releaseAt: path)
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SinglePolicy(version: from)
    }
}

extension ReleaseSpec {
    /// A recreate release.
    public static func recreate(_ recreate: RecreateSpec) -> ReleaseSpec {
        ReleaseSpec(recreate)
    }
}
