/// A rolling update names `from` as its stable version and, on its own, routes everything to
/// it: while it runs, the gateway routes by the ready instances' counts, which
/// ``RollingController`` hands over as ``ControllerAction/route(_:)``.
extension RollingSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.rolling

    public var referencedVersions: [String] { [from, to] }
    public var baselineVersion: String { from }
    public var namedStableVersion: String? { from }

    public func promotionTarget(stable: String?) -> String? { to }

    /// Both versions must be `process` versions: the update replaces instances the gateway runs.
    public func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue] {
        config.processVersionIssues(["from": from, "to": to], strategy: .rolling, releaseAt: path)
    }

    /// The sticky split with all of the traffic on `from`, `from` listed first, so units move
    /// to `to` only as its share grows.
    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SplitPolicy(weights: [VersionWeight(version: from, weight: 100), VersionWeight(version: to, weight: 0)], salt: salt)
    }
}

extension ReleaseSpec {
    /// A rolling update.
    public static func rolling(_ rolling: RollingSpec) -> ReleaseSpec {
        ReleaseSpec(rolling)
    }
}
