/// A normal prior on the effect, or a flat (improper) one.
public struct GaussianPrior: Sendable, Hashable {
    /// Prior mean of the effect.
    public var mean: Double
    /// Prior variance of the effect, positive.
    public var variance: Double
    /// Whether the prior is used at all; `false` gives the flat prior.
    public var proper: Bool

    /// A prior from its parts.
    public init(mean: Double = 0, variance: Double = 1, proper: Bool = false) {
        self.mean = mean
        self.variance = variance
        self.proper = proper
    }

    /// The flat prior: the posterior is the likelihood, GrowthBook's default.
    public static let flat = GaussianPrior(mean: 0, variance: 1, proper: false)
}
