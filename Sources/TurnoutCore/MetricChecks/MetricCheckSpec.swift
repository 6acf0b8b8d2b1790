/// A check of a canary analysis that asks another system: a Prometheus query or a web
/// endpoint, judged by a condition. Its verdict joins the built-in checks', so `failure_limit`
/// and `inconclusive` apply to it alike.
public struct MetricCheckSpec: Sendable, Equatable {
    /// The check's name in the analysis, unique within it.
    public var name: String
    /// Where the value comes from.
    public var provider: MetricProvider
    /// When the check passes or fails.
    public var condition: MetricCondition
    /// The verdict when the provider answers with no data (an empty vector, NaN, null).
    public var noData: NoData

    /// The verdicts `no_data` may choose.
    public enum NoData: String, Sendable, Equatable, Codable, CaseIterable {
        case inconclusive, pass, fail
    }

    /// A check from its parts.
    public init(name: String, provider: MetricProvider, condition: MetricCondition, noData: NoData = .inconclusive) {
        self.name = name
        self.provider = provider
        self.condition = condition
        self.noData = noData
    }
}
