/// Additive per-version statistics: two of them merge into the statistics of both together.
package struct AggregateCounts: Sendable, Equatable {
    /// Requests answered.
    package var count: Int64
    /// Requests that failed (see ``OutcomeRecord/isError``).
    package var errors: Int64
    /// Distribution of request latencies.
    package var latency: LatencyHistogram
    /// Rewards received.
    package var rewardCount: Int64
    /// Sum of the rewards.
    package var rewardSum: Double
    /// Sum of the squared rewards, for the variance.
    package var rewardSumOfSquares: Double
    /// Sum of the request latencies in milliseconds, so latency can be an A/B metric.
    package var latencySumMillis: Double
    /// Sum of the squared request latencies in milliseconds.
    package var latencySumOfSquaresMillis: Double

    /// Creates aggregate counts; all zero by default.
    package init(
        count: Int64 = 0,
        errors: Int64 = 0,
        latency: LatencyHistogram = LatencyHistogram(),
        rewardCount: Int64 = 0,
        rewardSum: Double = 0,
        rewardSumOfSquares: Double = 0,
        latencySumMillis: Double = 0,
        latencySumOfSquaresMillis: Double = 0
    ) {
        self.count = count
        self.errors = errors
        self.latency = latency
        self.rewardCount = rewardCount
        self.rewardSum = rewardSum
        self.rewardSumOfSquares = rewardSumOfSquares
        self.latencySumMillis = latencySumMillis
        self.latencySumOfSquaresMillis = latencySumOfSquaresMillis
    }

    /// Adds `other` into these counts.
    package mutating func merge(_ other: AggregateCounts) {
        count += other.count
        errors += other.errors
        latency.merge(other.latency)
        rewardCount += other.rewardCount
        rewardSum += other.rewardSum
        rewardSumOfSquares += other.rewardSumOfSquares
        latencySumMillis += other.latencySumMillis
        latencySumOfSquaresMillis += other.latencySumOfSquaresMillis
    }

    /// These counts merged with `other`.
    package func merging(_ other: AggregateCounts) -> AggregateCounts {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// Adds one answered request.
    package mutating func record(_ outcome: OutcomeRecord) {
        count += 1
        if outcome.isError { errors += 1 }
        latency.record(micros: outcome.latencyMicros)
        let millis = Double(outcome.latencyMicros) / 1_000
        latencySumMillis += millis
        latencySumOfSquaresMillis += millis * millis
    }

    /// Errors per request, or `nil` before the first request.
    package var errorRate: Double? {
        count == 0 ? nil : Double(errors) / Double(count)
    }

    /// Mean reward, or `nil` before the first reward.
    package var meanReward: Double? {
        rewardCount == 0 ? nil : rewardSum / Double(rewardCount)
    }
}
