/// The newest look of a canary or blue-green controller, inside a ``ModelAnswer``: each check's
/// verdict with its numbers, and what the controller made of it.
public struct RolloutAnalysisAnswer: Sendable, Hashable, Codable {
    /// When the look happened, in Unix seconds.
    public var time: Double
    /// `promote`, `pause`, `abort`, `continue`, ...
    public var decision: String
    /// Each check, in configuration order.
    public var checks: [Check]
    /// The release's step (from 0) the look judged, when known.
    public var step: Int?

    /// Creates an answer.
    public init(time: Double, decision: String, checks: [Check], step: Int? = nil) {
        self.time = time
        self.decision = decision
        self.checks = checks
        self.step = step
    }

    /// One check of the look.
    public struct Check: Sendable, Hashable, Codable {
        /// The check's name (`error_rate`, `latency`, a smoke test, ...).
        public var name: String
        /// `pass`, `fail` or `inconclusive`.
        public var verdict: String
        /// The verdict in words.
        public var summary: String
        /// The numbers the verdict rests on.
        public var values: [String: Double]

        /// Creates a check.
        public init(name: String, verdict: String, summary: String, values: [String: Double]) {
            self.name = name
            self.verdict = verdict
            self.summary = summary
            self.values = values
        }
    }
}
