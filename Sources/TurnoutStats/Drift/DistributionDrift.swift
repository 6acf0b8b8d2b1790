import Foundation

/// How far a candidate's output distribution has drifted from a reference one: population
/// stability index and Jensen–Shannon distance over bins cut at the reference's quantiles, and
/// the two-sample Kolmogorov–Smirnov statistic.
public struct DistributionDrift: Sendable, Hashable {
    /// Population stability index over the bins.
    public var populationStabilityIndex: Double
    /// Jensen–Shannon distance (base 2, in [0, 1]) over the same bins.
    public var jensenShannonDistance: Double
    /// Largest distance between the two empirical CDFs.
    public var kolmogorovSmirnov: Double
    /// Bin proportions of the reference sample.
    public var referenceProportions: [Double]
    /// Bin proportions of the candidate sample.
    public var candidateProportions: [Double]

    /// Compares `candidate` (for example the shadow's predictions) with `reference` (the primary's).
    ///
    /// - Throws: ``StatisticsError/emptyArm`` when a sample is empty,
    ///   ``StatisticsError/invalidParameter(_:)`` for fewer than two bins or non-finite values.
    public init(reference: [Double], candidate: [Double], bins: Int = 10) throws(StatisticsError) {
        guard !reference.isEmpty, !candidate.isEmpty else { throw .emptyArm }
        guard bins >= 2 else { throw .invalidParameter("bins must be at least 2, got \(bins)") }
        guard reference.allSatisfy(\.isFinite), candidate.allSatisfy(\.isFinite) else {
            throw .invalidParameter("samples must contain only finite numbers")
        }
        let edges = Self.quantileEdges(of: reference, bins: bins)
        referenceProportions = Self.binProportions(reference, edges: edges)
        candidateProportions = Self.binProportions(candidate, edges: edges)
        populationStabilityIndex = Self.populationStabilityIndex(expected: referenceProportions, actual: candidateProportions)
        jensenShannonDistance = Self.jensenShannonDistance(referenceProportions, candidateProportions, base: 2)
        kolmogorovSmirnov = Self.kolmogorovSmirnovStatistic(reference, candidate)
    }

    /// The `bins - 1` inner edges at the reference's quantiles `k / bins`, interpolated linearly
    /// between order statistics (NumPy's default quantile method).
    public static func quantileEdges(of sample: [Double], bins: Int) -> [Double] {
        let sorted = sample.sorted()
        return (1..<bins).map { k in
            SampleQuantile.linear(sorted: sorted, Double(k) / Double(bins)) ?? .nan
        }
    }

    /// Fraction of `values` in each of the `edges.count + 1` bins; a value equal to an edge
    /// belongs to the bin below it.
    public static func binProportions(_ values: [Double], edges: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for value in values {
            // Index = number of edges strictly below the value (binary search, edges ascending).
            var low = 0
            var high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] < value { low = middle + 1 } else { high = middle }
            }
            counts[low] += 1
        }
        return counts.map { Double($0) / Double(values.count) }
    }

    /// `Σ (a - e) ln(a / e)` with both proportions floored at `epsilon` so empty bins stay finite.
    public static func populationStabilityIndex(expected: [Double], actual: [Double], epsilon: Double = 1e-4) -> Double {
        zip(expected, actual).reduce(0) { sum, pair in
            let e = Swift.max(pair.0, epsilon)
            let a = Swift.max(pair.1, epsilon)
            return sum + (a - e) * Foundation.log(a / e)
        }
    }

    /// `√(JS(p, q))` in the given logarithm base: the square root of the mean Kullback–Leibler
    /// divergence of `p` and `q` from their midpoint (as `scipy.spatial.distance.jensenshannon`).
    public static func jensenShannonDistance(_ p: [Double], _ q: [Double], base: Double = 2) -> Double {
        let pTotal = p.reduce(0, +)
        let qTotal = q.reduce(0, +)
        var divergence = 0.0
        for (rawP, rawQ) in zip(p, q) {
            let pi = rawP / pTotal
            let qi = rawQ / qTotal
            let mi = (pi + qi) / 2
            if pi > 0 { divergence += pi * Foundation.log(pi / mi) }
            if qi > 0 { divergence += qi * Foundation.log(qi / mi) }
        }
        return (Swift.max(0, divergence / 2) / Foundation.log(base)).squareRoot()
    }

    /// The two-sample Kolmogorov–Smirnov statistic `sup |F_a(x) - F_b(x)|`.
    public static func kolmogorovSmirnovStatistic(_ a: [Double], _ b: [Double]) -> Double {
        let first = a.sorted()
        let second = b.sorted()
        var i = 0
        var j = 0
        var largest = 0.0
        // Walk both sorted samples, stepping past every copy of the next smallest value at once.
        while i < first.count, j < second.count {
            let value = Swift.min(first[i], second[j])
            while i < first.count, first[i] == value { i += 1 }
            while j < second.count, second[j] == value { j += 1 }
            largest = Swift.max(largest, abs(Double(i) / Double(first.count) - Double(j) / Double(second.count)))
        }
        return largest
    }
}
