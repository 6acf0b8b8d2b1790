/// A bandit arm's evidence: the count, sum and sum of squares of its rewards, the same
/// sufficient statistics an A/B test's arms keep (fractional Bernoulli rewards count as such).
public typealias BanditArmStatistics = SufficientStatistics

extension SufficientStatistics {
    /// `successes` (possibly fractional) out of `n` rewards in `[0, 1]`.
    public static func bernoulli(successes: Double, of n: Int) -> SufficientStatistics {
        proportion(successes: successes, of: n)
    }

    /// The count as a `Double`, for the formulas.
    var count: Double { Double(n) }

    /// These statistics and `other` together.
    public func merging(_ other: SufficientStatistics) -> SufficientStatistics {
        merged(with: other)
    }

    /// Adds `other` into these statistics.
    public mutating func merge(_ other: SufficientStatistics) {
        self = merged(with: other)
    }

    /// The statistics of both together.
    public static func + (lhs: SufficientStatistics, rhs: SufficientStatistics) -> SufficientStatistics {
        lhs.merged(with: rhs)
    }
}
