/// Additive per-version statistics: two of them merge into the statistics of both together.
public struct AggregateCounts: Sendable, Equatable {
    /// Requests answered.
    public var count: Int64
    /// Requests that failed (see ``OutcomeRecord/isError``).
    public var errors: Int64
    /// Distribution of request latencies.
    public var latency: LatencyHistogram
    /// Rewards received.
    public var rewardCount: Int64
    /// Sum of the rewards.
    public var rewardSum: Double
    /// Sum of the squared rewards, for the variance.
    public var rewardSumOfSquares: Double
    /// Sum of the request latencies in milliseconds, so latency can be an A/B metric.
    public var latencySumMillis: Double
    /// Sum of the squared request latencies in milliseconds.
    public var latencySumOfSquaresMillis: Double

    /// Creates aggregate counts; all zero by default.
    public init(
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
    public mutating func merge(_ other: AggregateCounts) {
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
    public func merging(_ other: AggregateCounts) -> AggregateCounts {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// Adds one answered request.
    public mutating func record(_ outcome: OutcomeRecord) {
        count += 1
        if outcome.isError { errors += 1 }
        latency.record(micros: outcome.latencyMicros)
        let millis = Double(outcome.latencyMicros) / 1_000
        latencySumMillis += millis
        latencySumOfSquaresMillis += millis * millis
    }

    /// Errors per request, or `nil` before the first request.
    public var errorRate: Double? {
        count == 0 ? nil : Double(errors) / Double(count)
    }

    /// Mean reward, or `nil` before the first reward.
    public var meanReward: Double? {
        rewardCount == 0 ? nil : rewardSum / Double(rewardCount)
    }
}
