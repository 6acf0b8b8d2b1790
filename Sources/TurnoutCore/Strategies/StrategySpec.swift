/// One strategy's release settings, and what the rest of the gateway asks of every release.
///
/// Each strategy's folder under `Strategies/` holds one conforming type (`CanarySpec`,
/// `SplitSpec`, ...). ``ReleaseSpec`` wraps whichever one a model's release uses and forwards to
/// it, so the lifecycle, the routing and the store never switch over strategies: a new strategy
/// answers these questions in its own folder. The defaults fit a strategy without steps, stable
/// version of its own, mirroring or files.
public protocol StrategySpec: Sendable, Equatable, Codable {
    /// The name configuration uses in `strategy:`.
    static var strategyName: ReleaseStrategyName { get }

    /// Every version the release refers to.
    var referencedVersions: [String] { get }

    /// The version a release of this spec falls back to when nothing older is known.
    var baselineVersion: String { get }

    /// The release in configuration syntax as one line of JSON, keys in the order the
    /// configuration reference uses; ``ReleaseSpec/parse(_:for:)`` reads it back to the same value.
    var configJSON: String { get }

    /// The version that gets all the traffic when the release is promoted, or `nil` when
    /// promotion keeps the spec's own routing (a flag keeps deciding per request).
    func promotionTarget(stable: String?) -> String?

    /// The only version that receives traffic, when exactly one does.
    var soleVersion: String? { get }

    /// How many lifecycle steps the release has; promoting the last one promotes the release.
    var lifecycleStepCount: Int { get }

    /// How long after a promotion `rollback` is still allowed; `nil` for no limit.
    var rollbackPeriod: Double? { get }

    /// The stable version the spec itself names (what its analysis compares with and an abort
    /// returns to), or `nil` when the stable version is whatever the previous release routed to.
    var namedStableVersion: String? { get }

    /// Where the release mirrors requests, if it does: to a shadow release's shadows, or to a
    /// blue-green preview before the switch.
    var mirroring: ShadowSpec? { get }

    /// How traffic is divided while a release of this spec progresses or is paused in `state`.
    func progressingRouting(in state: ReleaseState) -> ReleaseSpec

    /// Problems with this release that only the whole configuration shows, reported under `path`
    /// (the release's own path, such as `models.m.release`).
    func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue]

    /// The spec with every file path it names passed through `resolve`.
    func resolvingPaths(_ resolve: (String) -> String) -> Self

    /// The routing policy that carries out this release for a model salted with `salt`.
    ///
    /// - Parameters:
    ///   - versions: the model's versions; a flag variant that names none of them routes to the
    ///     fallback.
    ///   - flags: the flags in force, which a flag release evaluates per request; without them
    ///     it routes everything to its fallback.
    func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy
}

extension StrategySpec {
    /// No single version has all the traffic.
    public var soleVersion: String? { nil }

    /// One step: promoting it promotes the release.
    public var lifecycleStepCount: Int { 1 }

    /// Rollback is allowed at any time.
    public var rollbackPeriod: Double? { nil }

    /// The stable version comes from the previous release.
    public var namedStableVersion: String? { nil }

    /// Nothing is mirrored.
    public var mirroring: ShadowSpec? { nil }

    /// The spec routes by itself in every running phase.
    public func progressingRouting(in state: ReleaseState) -> ReleaseSpec { ReleaseSpec(self) }

    /// The release needs nothing from the rest of the configuration.
    public func configurationIssues(in config: TurnoutConfig, at path: String) -> [ConfigIssue] { [] }

    /// The spec names no files.
    public func resolvingPaths(_ resolve: (String) -> String) -> Self { self }

    /// ``resolvingPaths(_:)`` wrapped as a release, so a spec seen as `any StrategySpec` can
    /// resolve its paths without the caller knowing its type.
    func releaseResolvingPaths(_ resolve: (String) -> String) -> ReleaseSpec {
        ReleaseSpec(resolvingPaths(resolve))
    }

    /// Whether `other` is a spec of the same strategy with the same settings.
    func isEqual(to other: any StrategySpec) -> Bool {
        (other as? Self) == self
    }
}
