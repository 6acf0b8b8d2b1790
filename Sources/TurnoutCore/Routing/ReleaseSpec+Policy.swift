extension ReleaseSpec {
    /// The routing policy that carries out this release for a model salted with `salt`, with no
    /// flags: a flag release routes everything to its fallback.
    public func makePolicy(salt: String) -> any RoutingPolicy {
        makePolicy(salt: salt, versions: [], flags: nil)
    }

    /// The routing policy that carries out this release for a model salted with `salt`.
    ///
    /// - Parameters:
    ///   - versions: the model's versions; a flag variant that names none of them routes to the
    ///     fallback.
    ///   - flags: the flags in force, which a flag release evaluates per request; without them
    ///     it routes everything to its fallback.
    package func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        switch self {
        case .single(let version): SinglePolicy(version: version)
        case .split(let weights): SplitPolicy(weights: weights, salt: salt)
        case .flag(let key, let fallback): FlagPolicy.make(key: key, fallback: fallback, versions: versions, flags: flags)
        case .abtest(let test): SplitPolicy(weights: test.weights, salt: salt)
        // Before the controller's first update, and whenever it has none: equal shares.
        case .bandit(let bandit): bandit.routingPolicy(shares: bandit.shares ?? bandit.equalWeights, salt: salt)
        case .shadow(let shadow): SinglePolicy(version: shadow.primary, shadows: shadow.shadows)
        // A canary routes by its current step (see ReleaseState.routing); this is its first.
        case .canary(let canary): SplitPolicy(weights: canary.weights(canaryPercent: canary.weight(atStep: 0)), salt: salt)
        case .bluegreen(let blueGreen): BlueGreenPolicy(spec: blueGreen)
        }
    }
}
