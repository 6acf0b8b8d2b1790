/// Holm's step-down correction of p-values for multiple comparisons (A/B/n tests).
public enum HolmCorrection {
    /// The Holm-adjusted p-values, in the order given.
    ///
    /// Sorted ascending, the i-th smallest (0-based) becomes `max_{j <= i} min(1, (m - j) p_(j))`;
    /// rejecting where the adjusted value is below alpha controls the family-wise error rate.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let count = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 0, count: count)
        var runningMax = 0.0
        for (rank, index) in order.enumerated() {
            let scaled = Swift.min(1, Double(count - rank) * pValues[index])
            runningMax = Swift.max(runningMax, scaled)
            adjusted[index] = runningMax
        }
        return adjusted
    }
}
