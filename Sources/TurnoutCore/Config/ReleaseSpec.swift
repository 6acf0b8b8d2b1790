/// How a model's traffic is divided between its versions.
public enum ReleaseSpec: Sendable, Equatable {
    /// Every request goes to one version.
    case single(version: String)
    /// Requests are divided by weight, sticky per unit key.
    case split(weights: [VersionWeight])
    /// A feature flag's string variant names the version; a disabled or failing flag, or a
    /// variant that names no version, routes to `fallback`.
    case flag(key: String, fallback: String)
    /// An A/B(/n) test: sticky split by weight, analysed on a timer, concluded automatically.
    case abtest(ABTestSpec)
    /// A multi-armed bandit: traffic shares follow the rewards, updated on a timer.
    case bandit(BanditSpec)
    /// The primary answers; a sample of requests is mirrored to shadows and their answers compared.
    case shadow(ShadowSpec)
    /// A canary: a growing share of units goes to the new version, step by step, while its
    /// errors, latency and reward are compared with the stable version's.
    case canary(CanarySpec)
    /// Blue-green: the preview is tested beside the active version, then everyone switches at once.
    case bluegreen(BlueGreenSpec)

    /// The strategy's name as written in configuration.
    public var strategyName: String {
        switch self {
        case .single: "single"
        case .split: "split"
        case .flag: "flag"
        case .abtest: "abtest"
        case .bandit: "bandit"
        case .shadow: "shadow"
        case .canary: "canary"
        case .bluegreen: "bluegreen"
        }
    }

    /// Every version the release refers to.
    public var referencedVersions: [String] {
        switch self {
        case .single(let version): [version]
        case .split(let weights): weights.map(\.version)
        case .flag(_, let fallback): [fallback]
        case .abtest(let test): test.arms
        case .bandit(let bandit): bandit.arms
        case .shadow(let shadow): [shadow.primary] + shadow.shadows
        case .canary(let canary): [canary.stable, canary.canary]
        case .bluegreen(let blueGreen): [blueGreen.active, blueGreen.preview]
        }
    }

    /// How long after a promotion `rollback` is still allowed; nil for no limit.
    public var rollbackWindow: Double? {
        switch self {
        case .canary(let canary): canary.rollbackWindow
        case .bluegreen(let blueGreen): blueGreen.rollbackWindow
        case .single, .split, .flag, .abtest, .bandit, .shadow: nil
        }
    }
}

/// A version's relative share of traffic.
public struct VersionWeight: Sendable, Equatable {
    /// The version's name.
    public var version: String
    /// A non-negative relative weight; shares are weight / sum of weights.
    public var weight: Double

    /// Creates a weight.
    public init(version: String, weight: Double) {
        self.version = version
        self.weight = weight
    }
}

/// The release strategies a configuration may name. Only some are implemented so far.
public enum ReleaseStrategyName: String, Sendable, CaseIterable {
    case single, split, shadow, abtest, bandit, canary, bluegreen, rolling, recreate, flag

    /// Strategies the gateway can run today: those in the strategy registry, in its order.
    public static var supported: [ReleaseStrategyName] { StrategyRegistry.all.map { $0.name } }
}
