/// What one version's requests in a time range came to, read from the decision log: the counts
/// for an error-rate comparison, the newest latencies for a latency comparison and the rewards.
package struct VersionOutcomes: Sendable, Equatable {
    /// Requests answered.
    package var requests: Int
    /// Requests that failed (status 500 or above, or no answer).
    package var errors: Int
    /// Latencies in microseconds, newest first, at most as many as asked for.
    package var latenciesMicros: [Int64]
    /// Requests with a reward, and the sum and sum of squares of their rewards.
    package var rewardCount: Int
    package var rewardSum: Double
    package var rewardSumSquares: Double

    /// Creates outcomes.
    package init(requests: Int = 0, errors: Int = 0, latenciesMicros: [Int64] = [], rewardCount: Int = 0, rewardSum: Double = 0, rewardSumSquares: Double = 0) {
        self.requests = requests
        self.errors = errors
        self.latenciesMicros = latenciesMicros
        self.rewardCount = rewardCount
        self.rewardSum = rewardSum
        self.rewardSumSquares = rewardSumSquares
    }
}
