/// What a load run measured.
public struct LoadReport: Sendable, Codable, Equatable {
    /// Requests that got an answer or failed, excluding those cut short by an interrupt.
    public var requests: Int
    /// Requests answered with a 2xx status.
    public var succeeded: Int
    /// Failures by HTTP status, or `"transport"` when no answer came.
    public var errors: [String: Int]
    /// Latency from each request's scheduled start to its last byte, in milliseconds.
    public var latency: Latency
    /// Per answering version: share of answers and accuracy against the labels.
    public var versions: [String: VersionOutcome]
    /// Feedback posts that were accepted and that failed.
    public var feedbackSent: Int
    public var feedbackFailed: Int
    /// Wall-clock length of the run and the rate achieved, in requests per second.
    public var seconds: Double
    public var achievedRate: Double
    /// True when the run was interrupted and this is the summary so far.
    public var interrupted: Bool

    /// Latency percentiles in milliseconds.
    public struct Latency: Sendable, Codable, Equatable {
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double
    }

    /// How one version did.
    public struct VersionOutcome: Sendable, Codable, Equatable {
        public var answers: Int
        public var share: Double
        /// Answers whose row had a label and whose prediction could be read.
        public var labeled: Int
        public var correct: Int
        /// correct / labeled, or nil without labels.
        public var accuracy: Double?
    }
}
