extension ReleaseSpec {
    /// The routing policy that carries out this release for a model salted with `salt`.
    public func makePolicy(salt: String) -> any RoutingPolicy {
        switch self {
        case .single(let version): SinglePolicy(version: version)
        case .split(let weights): SplitPolicy(weights: weights, salt: salt)
        }
    }
}
