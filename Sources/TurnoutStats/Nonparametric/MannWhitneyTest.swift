/// The Mann–Whitney U test with the normal approximation, tie correction and continuity
/// correction (as `scipy.stats.mannwhitneyu(..., method="asymptotic")`), together with the
/// Hodges–Lehmann estimate of the shift and its distribution-free confidence interval.
///
/// Used to compare latencies of a canary with the stable version (Kayenta-style): the shift
/// interval says by how much the variant is slower or faster, whatever the distributions' shape.
public struct MannWhitneyTest: Sendable, Hashable {
    /// The alternative: `greater` means the variant's values tend to be larger than control's.
    public var alternative: Alternative
    /// Confidence level of the shift interval, for example 0.98.
    public var confidence: Double
    /// Whether to apply the continuity correction of 0.5 to U (scipy's default).
    public var continuityCorrection: Bool

    /// A test with the given settings.
    public init(alternative: Alternative = .twoSided, confidence: Double = 0.95, continuityCorrection: Bool = true) {
        self.alternative = alternative
        self.confidence = confidence
        self.continuityCorrection = continuityCorrection
    }

    /// The outcome of the test.
    public struct Result: Sendable, Hashable {
        /// U statistic of the variant sample (`scipy.stats.mannwhitneyu(variant, control).statistic`).
        public var u: Double
        /// The standardized statistic used for the p-value.
        public var z: Double
        /// The p-value for the chosen alternative.
        public var pValue: Double
        /// Hodges–Lehmann estimate of the shift: the median of all differences `variant - control`.
        public var shift: Double
        /// Two-sided confidence interval for the shift at the test's confidence level.
        public var shiftInterval: Interval
    }

    /// Compares `variant` with `control`.
    ///
    /// - Throws: ``StatisticsError/emptyArm`` if a sample is empty,
    ///   ``StatisticsError/zeroVariance`` if every value is identical, and
    ///   ``StatisticsError/invalidParameter(_:)`` for a confidence outside (0, 1) or non-finite values.
    public func evaluate(control: [Double], variant: [Double]) throws(StatisticsError) -> Result {
        guard !control.isEmpty, !variant.isEmpty else { throw .emptyArm }
        guard confidence > 0, confidence < 1 else { throw .invalidParameter("confidence must be in (0, 1), got \(confidence)") }
        guard control.allSatisfy(\.isFinite), variant.allSatisfy(\.isFinite) else {
            throw .invalidParameter("samples must contain only finite numbers")
        }
        let n1 = Double(variant.count)
        let n2 = Double(control.count)
        let ranked = RankedSample(variant + control)
        let rankSum = ranked.ranks.prefix(variant.count).reduce(0, +)
        let u1 = rankSum - n1 * (n1 + 1) / 2
        let u2 = n1 * n2 - u1
        let total = n1 + n2
        let variance = n1 * n2 / 12 * ((total + 1) - ranked.tieTerm / (total * (total - 1)))
        guard variance > 0 else { throw .zeroVariance }
        let sd = variance.squareRoot()
        let (u, factor): (Double, Double) = switch alternative {
        case .greater: (u1, 1)
        case .less: (u2, 1)
        case .twoSided: (Swift.max(u1, u2), 2)
        }
        let z = (u - n1 * n2 / 2 - (continuityCorrection ? 0.5 : 0)) / sd
        let pValue = Swift.min(1, Swift.max(0, factor * NormalDistribution.standardCDF(-z)))
        let differences = PairwiseDifferences(minuend: variant, subtrahend: control)
        return Result(u: u1, z: z, pValue: pValue, shift: differences.median(),
                      shiftInterval: shiftInterval(differences, standardDeviation: sd))
    }

    /// Moses' interval: the `k`-th smallest and `k`-th largest differences with
    /// `k = max(1, ⌊m n / 2 - z_{(1+c)/2} σ_U⌋)`, `σ_U` the tie-corrected standard deviation of U.
    func shiftInterval(_ differences: PairwiseDifferences, standardDeviation sd: Double) -> Interval {
        let count = differences.count
        let z = NormalDistribution.standardQuantile((1 + confidence) / 2)
        let k = Swift.max(1, Int((Double(count) / 2 - z * sd).rounded(.down)))
        let lowerIndex = Swift.min(k, count)
        return Interval(lower: differences.orderStatistic(lowerIndex), upper: differences.orderStatistic(count + 1 - lowerIndex))
    }
}
