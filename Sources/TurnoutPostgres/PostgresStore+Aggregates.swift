import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// The per-interval rows of `model` from the interval containing `since` onwards.
    package func intervalAggregates(model: String, since: Date) async throws -> [IntervalAggregate] {
        let start = StoreTime.intervalStart(of: since, seconds: options.aggregateIntervalSeconds)
        let rows = try await client.query("""
            SELECT model, version, interval_start, count, errors, latency_histogram::TEXT, reward_count, reward_sum, reward_sum_squares,
                latency_ms_sum, latency_ms_sum_squares
            FROM version_interval WHERE model = \(model) AND interval_start >= \(start)
            ORDER BY interval_start, version
            """, logger: logger)
        var intervals: [IntervalAggregate] = []
        for try await row in rows.decode((String, String, Int64, Int64, Int64, String, Int64, Double, Double, Double, Double).self) {
            intervals.append(IntervalAggregate(
                model: row.0,
                version: row.1,
                intervalStart: Date(timeIntervalSince1970: Double(row.2)),
                counts: AggregateCounts(
                    count: row.3, errors: row.4, latency: try LatencyHistogram(jsonText: row.5), rewardCount: row.6, rewardSum: row.7,
                    rewardSumOfSquares: row.8, latencySumMillis: row.9, latencySumOfSquaresMillis: row.10
                )
            ))
        }
        return intervals
    }
}
