/// How a metric's per-unit values are distributed, which decides the variance formula.
public enum MetricKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any numeric value (reward, latency): variance is the sample variance with `n - 1`.
    case mean
    /// A 0/1 outcome (conversion, error): variance is `p (1 - p)`.
    case proportion
}
