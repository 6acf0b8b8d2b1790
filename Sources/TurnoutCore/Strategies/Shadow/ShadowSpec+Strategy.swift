/// The primary answers every request; a sample is mirrored to the shadows.
extension ShadowSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.shadow

    public var referencedVersions: [String] { [primary] + shadows }
    public var baselineVersion: String { primary }
    public var soleVersion: String? { primary }
    public var mirroring: ShadowSpec? { self }

    /// A plain promotion makes the first shadow the primary; `promote --to` picks another.
    public func promotionTarget(stable: String?) -> String? {
        shadows.first ?? primary
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SinglePolicy(version: primary, shadows: shadows)
    }
}

extension ReleaseSpec {
    /// A shadow release.
    public static func shadow(_ shadow: ShadowSpec) -> ReleaseSpec {
        ReleaseSpec(shadow)
    }
}
