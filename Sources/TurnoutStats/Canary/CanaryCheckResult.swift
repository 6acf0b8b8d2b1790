/// The outcome of one canary analysis check: a verdict, one plain line with the numbers, and the
/// numbers themselves for JSON.
public struct CanaryCheckResult: Sendable, Hashable {
    /// What a check concluded about the canary compared with the stable version.
    public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
        /// The canary is no worse than allowed.
        case pass
        /// The canary is worse than allowed.
        case fail
        /// Too little data, or the data cannot tell pass from fail yet.
        case inconclusive
    }

    /// The check's conclusion.
    public var verdict: Verdict
    /// One line for people, with the numbers behind the verdict.
    public var summary: String
    /// The numbers behind the verdict by snake_case name; every value is finite, so it encodes as JSON.
    public var values: [String: Double]

    /// A result from its parts.
    public init(verdict: Verdict, summary: String, values: [String: Double]) {
        self.verdict = verdict
        self.summary = summary
        self.values = values
    }
}
