/// Which direction of the metric is an improvement.
public enum Goal: String, Sendable, Hashable, Codable, CaseIterable {
    /// Higher is better (reward, conversion).
    case maximize
    /// Lower is better (error rate, latency).
    case minimize
}
