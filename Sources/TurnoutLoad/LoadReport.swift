/// What a load run measured.
package struct LoadReport: Sendable, Codable, Equatable {
    /// Requests that got an answer or failed, excluding those cut short by an interrupt.
    package var requests: Int
    /// Requests answered with a 2xx status.
    package var succeeded: Int
    /// Failures by HTTP status, or `"transport"` when no answer came.
    package var errors: [String: Int]
    /// Latency from each request's scheduled start to its last byte, in milliseconds.
    package var latency: Latency
    /// Per answering version: share of answers and accuracy against the labels.
    package var versions: [String: VersionOutcome]
    /// Feedback posts that were accepted and that failed.
    package var feedbackSent: Int
    package var feedbackFailed: Int
    /// Wall-clock length of the run and the rate achieved, in requests per second.
    package var seconds: Double
    package var achievedRate: Double
    /// True when the run was interrupted and this is the summary so far.
    package var interrupted: Bool

    /// Latency percentiles in milliseconds.
    package struct Latency: Sendable, Codable, Equatable {
        package var p50: Double
        package var p90: Double
        package var p99: Double
        package var max: Double
    }

    /// How one version did.
    package struct VersionOutcome: Sendable, Codable, Equatable {
        package var answers: Int
        package var share: Double
        /// Answers whose row had a label and whose prediction could be read.
        package var labeled: Int
        package var correct: Int
        /// correct / labeled, or nil without labels.
        package var accuracy: Double?
    }
}
