/// Empirical quantiles of a sample (p50, p99 latency, bin edges).
public enum SampleQuantile {
    /// The `q`-quantile of an ascending sample by linear interpolation between order statistics
    /// (Hyndman–Fan type 7, NumPy's and R's default); `nil` for an empty sample.
    public static func linear(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty, q >= 0, q <= 1 else { return nil }
        let position = Double(sorted.count - 1) * q
        let below = Int(position.rounded(.down))
        let above = Swift.min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        let (a, b) = (sorted[below], sorted[above])
        // NumPy's lerp: from the nearer end, so the result is exact at either data point.
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }

    /// The `q`-quantile of an unsorted sample (sorts a copy).
    public static func linear(_ values: [Double], _ q: Double) -> Double? {
        linear(sorted: values.sorted(), q)
    }
}
