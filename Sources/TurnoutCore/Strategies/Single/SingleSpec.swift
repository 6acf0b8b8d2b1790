/// A `single` release: one version answers every request. Persisted as `{"version": "v1"}`
/// beside the strategy's name.
public struct SingleSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.single

    /// The version that answers.
    public var version: String

    /// A release that sends everything to `version`.
    public init(version: String) {
        self.version = version
    }

    public var referencedVersions: [String] { [version] }
    public var baselineVersion: String { version }
    public var soleVersion: String? { version }

    public var configJSON: String {
        ReleaseJSONText.object([#""strategy":"single""#, ReleaseJSONText.field("version", version)])
    }

    public func promotionTarget(stable: String?) -> String? { version }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SinglePolicy(version: version)
    }
}

extension ReleaseSpec {
    /// A release that sends every request to `version`.
    public static func single(version: String) -> ReleaseSpec {
        ReleaseSpec(SingleSpec(version: version))
    }
}
