/// How a model's traffic is divided between its versions: one strategy's spec.
///
/// The strategy's own type (``SplitSpec``, ``CanarySpec``, ...) holds the settings and answers
/// every question about the release; this wrapper forwards to it, so code that handles any
/// release never switches over strategies. Code that needs one strategy's settings asks for them
/// with ``as(_:)``. Each strategy's folder adds a factory such as `.split(weights:)`.
public struct ReleaseSpec: Sendable, Equatable {
    /// The strategy's spec.
    public let strategy: any StrategySpec

    /// Wraps one strategy's spec.
    public init(_ strategy: some StrategySpec) {
        self.strategy = strategy
    }

    /// The spec as `type`, or `nil` when the release uses another strategy.
    public func `as`<Spec: StrategySpec>(_ type: Spec.Type) -> Spec? {
        strategy as? Spec
    }

    /// Whether both releases use the same strategy with the same settings.
    public static func == (lhs: ReleaseSpec, rhs: ReleaseSpec) -> Bool {
        lhs.strategy.isEqual(to: rhs.strategy)
    }

    /// The strategy's name as written in configuration.
    public var strategyName: String { type(of: strategy).strategyName.rawValue }

    /// Every version the release refers to.
    public var referencedVersions: [String] { strategy.referencedVersions }

    /// How long after a promotion `rollback` is still allowed; nil for no limit.
    public var rollbackWindow: Double? { strategy.rollbackPeriod }

    /// The version a release of this spec falls back to when nothing older is known.
    public var baselineVersion: String { strategy.baselineVersion }

    /// The version that gets all the traffic when the release is promoted, or `nil` when
    /// promotion keeps the spec's own routing.
    public func promotionTarget(stable: String?) -> String? { strategy.promotionTarget(stable: stable) }

    /// The only version that receives traffic, when exactly one does.
    public var soleVersion: String? { strategy.soleVersion }

    /// How many lifecycle steps a release with this spec has.
    public var lifecycleStepCount: Int { strategy.lifecycleStepCount }

    /// Where the release mirrors requests, if it does.
    public var mirroring: ShadowSpec? { strategy.mirroring }

    /// The release in configuration syntax as one line of JSON; ``parse(_:for:)`` reads it back
    /// to the same value.
    public var configJSON: String { strategy.configJSON }

    /// The routing policy that carries out this release for a model salted with `salt`, with no
    /// flags: a flag release routes everything to its fallback.
    public func makePolicy(salt: String) -> any RoutingPolicy {
        makePolicy(salt: salt, versions: [], flags: nil)
    }

    /// The routing policy that carries out this release (see ``StrategySpec/makePolicy(salt:versions:flags:)``).
    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        strategy.makePolicy(salt: salt, versions: versions, flags: flags)
    }

    /// Problems with this release that only the whole configuration shows, under `path`.
    public func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue] {
        strategy.configurationIssues(in: config, at: path)
    }

    /// The release with every file path it names passed through `resolve`.
    public func resolvingPaths(_ resolve: (String) -> String) -> ReleaseSpec {
        strategy.releaseResolvingPaths(resolve)
    }
}
