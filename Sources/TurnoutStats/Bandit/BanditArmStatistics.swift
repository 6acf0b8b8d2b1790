/// What a bandit policy knows about one arm: how many rewards it has seen, their sum and the sum of
/// their squares.
///
/// The counts are `Double` so that periods can be merged and decayed alike; the three totals add
/// up across periods, so a store can keep them per time bucket and `merging` rebuilds the whole.
public struct BanditArmStatistics: Sendable, Hashable, Codable {
    /// Number of rewards observed.
    public var n: Double
    /// Sum of the rewards.
    public var sum: Double
    /// Sum of the squared rewards.
    public var sumSquares: Double

    /// Statistics from explicit totals.
    public init(n: Double, sum: Double, sumSquares: Double) {
        self.n = n
        self.sum = sum
        self.sumSquares = sumSquares
    }

    /// Statistics of 0/1 rewards with `successes` ones among `n` (for 0/1 values `x² = x`).
    public static func bernoulli(successes: Double, of n: Double) -> BanditArmStatistics {
        BanditArmStatistics(n: n, sum: successes, sumSquares: successes)
    }

    /// No rewards yet.
    public static let empty = BanditArmStatistics(n: 0, sum: 0, sumSquares: 0)

    /// Sample mean of the rewards, 0 before the first one.
    public var mean: Double {
        n > 0 ? sum / n : 0
    }

    /// Unbiased sample variance, 0 with fewer than two rewards (and never negative, whatever the
    /// rounding of `Σx² − (Σx)²/n`).
    public var sampleVariance: Double {
        guard n > 1 else { return 0 }
        return max(0, (sumSquares - sum * sum / n) / (n - 1))
    }

    /// Adds one reward.
    public mutating func record(_ reward: Double) {
        n += 1
        sum += reward
        sumSquares += reward * reward
    }

    /// The statistics of this arm's rewards together with another disjoint set of rewards.
    public func merging(_ other: BanditArmStatistics) -> BanditArmStatistics {
        BanditArmStatistics(n: n + other.n, sum: sum + other.sum, sumSquares: sumSquares + other.sumSquares)
    }

    /// Adds another disjoint set of rewards in place.
    public mutating func merge(_ other: BanditArmStatistics) {
        n += other.n
        sum += other.sum
        sumSquares += other.sumSquares
    }

    /// The statistics of two disjoint sets of rewards combined; the same as `lhs.merging(rhs)`.
    public static func + (lhs: BanditArmStatistics, rhs: BanditArmStatistics) -> BanditArmStatistics {
        lhs.merging(rhs)
    }
}
