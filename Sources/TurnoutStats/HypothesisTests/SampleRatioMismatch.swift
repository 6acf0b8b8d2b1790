/// The sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the observed
/// assignment counts against the configured weights.
///
/// Matches `gbstats.utils.check_srm` (gbstats 0.8.0): arms with a weight of zero or less add
/// nothing to the statistic, the degrees of freedom are the number of arms minus one, and no
/// units at all give p = 1.
public struct SampleRatioMismatch: Sendable, Hashable {
    /// Pearson's chi-square statistic.
    public var statistic: Double
    /// Degrees of freedom, arms minus one.
    public var degreesOfFreedom: Int
    /// `P(χ² > statistic)`.
    public var pValue: Double

    /// The p-value below which assignment is considered broken (GrowthBook's default).
    public static let defaultThreshold = 0.001

    /// Tests the counts against the weights (any positive scale; they are normalised).
    ///
    /// - Throws: ``StatisticsError/invalidParameter(_:)`` when the arrays differ in length,
    ///   there are fewer than two arms, or a count is negative.
    public init(counts: [Int], weights: [Double]) throws(StatisticsError) {
        guard counts.count == weights.count else {
            throw .invalidParameter("counts (\(counts.count)) and weights (\(weights.count)) must have the same length")
        }
        guard counts.count >= 2 else { throw .invalidParameter("the SRM check needs at least two arms") }
        guard counts.allSatisfy({ $0 >= 0 }) else { throw .invalidParameter("counts must not be negative") }
        let total = Double(counts.reduce(0, +))
        let totalWeight = weights.reduce(0, +)
        degreesOfFreedom = counts.count - 1
        guard total > 0, totalWeight > 0 else {
            statistic = 0
            pValue = 1
            return
        }
        var chiSquare = 0.0
        for (count, weight) in zip(counts, weights) where weight > 0 {
            let expected = weight / totalWeight * total
            let deviation = Double(count) - expected
            chiSquare += deviation * deviation / expected
        }
        statistic = chiSquare
        pValue = ChiSquaredDistribution(degreesOfFreedom: Double(counts.count - 1)).sf(chiSquare)
    }

    /// Whether the p-value is below `threshold`, i.e. assignment looks broken.
    public func isMismatch(threshold: Double = SampleRatioMismatch.defaultThreshold) -> Bool {
        pValue < threshold
    }
}
