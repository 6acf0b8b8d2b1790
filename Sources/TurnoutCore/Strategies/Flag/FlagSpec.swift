/// A `flag` release: a feature flag's string variant names the version; a disabled or failing
/// flag, or a variant that names no version, routes to `fallback`. Persisted as
/// `{"key": "...", "fallback": "v1"}` beside the strategy's name.
public struct FlagSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.flag

    /// The flag whose variant names the version.
    public var key: String
    /// The version for requests the flag does not send elsewhere.
    public var fallback: String

    /// A release routed by the flag `key`.
    public init(key: String, fallback: String) {
        self.key = key
        self.fallback = fallback
    }

    public var referencedVersions: [String] { [fallback] }
    public var baselineVersion: String { fallback }

    public var configJSON: String {
        ReleaseJSONText.object([#""strategy":"flag""#, ReleaseJSONText.field("flag", key), ReleaseJSONText.field("fallback", fallback)])
    }

    /// None: a promoted flag release keeps deciding per request.
    public func promotionTarget(stable: String?) -> String? { nil }

    /// A flag release needs flag files to read its flag from.
    public func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue] {
        guard config.flagFiles.isEmpty else { return [] }
        return [ConfigIssue(path: path + ".flag", message: "a flag release needs flag files: add flags: [FILE] at the top level")]
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        FlagPolicy.make(key: key, fallback: fallback, versions: versions, flags: flags)
    }
}

extension ReleaseSpec {
    /// A release routed by the flag `key`, falling back to `fallback`.
    public static func flag(key: String, fallback: String) -> ReleaseSpec {
        ReleaseSpec(FlagSpec(key: key, fallback: fallback))
    }
}
