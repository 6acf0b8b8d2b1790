/// The sufficient statistics of one arm: count, sum and sum of squares of a metric.
///
/// These three numbers are all the tests need, they add up across intervals (so a store can keep
/// them per time bucket and a restart loses nothing), and they are what `turnout analyze` reads.
public struct SufficientStatistics: Sendable, Hashable, Codable {
    /// Number of units (observations).
    public var n: Int
    /// Sum of the metric over the units.
    public var sum: Double
    /// Sum of the squared metric over the units. For a 0/1 metric this equals `sum`.
    public var sumSquares: Double

    /// Statistics from explicit totals.
    public init(n: Int, sum: Double, sumSquares: Double) {
        self.n = n
        self.sum = sum
        self.sumSquares = sumSquares
    }

    /// Statistics of a 0/1 metric with `successes` ones among `n` units.
    public static func proportion(successes: Double, of n: Int) -> SufficientStatistics {
        SufficientStatistics(n: n, sum: successes, sumSquares: successes)
    }

    /// No observations yet.
    public static let empty = SufficientStatistics(n: 0, sum: 0, sumSquares: 0)

    /// Sample mean, 0 when there are no observations.
    public var mean: Double {
        n == 0 ? 0 : sum / Double(n)
    }

    /// Unbiased sample variance `(Σx² - (Σx)²/n) / (n - 1)`, 0 for fewer than two observations.
    public var sampleVariance: Double {
        guard n > 1 else { return 0 }
        let count = Double(n)
        return (sumSquares - sum * sum / count) / (count - 1)
    }

    /// Bernoulli variance `p (1 - p)` of a 0/1 metric.
    public var proportionVariance: Double {
        mean * (1 - mean)
    }

    /// The per-unit variance used by the tests for a metric of the given kind.
    public func variance(for kind: MetricKind) -> Double {
        switch kind {
        case .mean: sampleVariance
        case .proportion: proportionVariance
        }
    }

    /// Adds one observation.
    public mutating func record(_ value: Double) {
        n += 1
        sum += value
        sumSquares += value * value
    }

    /// The statistics of the union of two disjoint sets of observations.
    public func merged(with other: SufficientStatistics) -> SufficientStatistics {
        SufficientStatistics(n: n + other.n, sum: sum + other.sum, sumSquares: sumSquares + other.sumSquares)
    }

    enum CodingKeys: String, CodingKey {
        case n
        case sum
        case sumSquares = "sum_squares"
    }
}
