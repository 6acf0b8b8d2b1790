import Foundation
import GRDB

extension SQLiteStore {
    /// The per-interval rows of `model` from the interval containing `since` onwards.
    package func intervalAggregates(model: String, since: Date) async throws -> [IntervalAggregate] {
        let start = StoreTime.intervalStart(of: since, seconds: options.aggregateIntervalSeconds)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM version_interval WHERE model = ? AND interval_start >= ?
                ORDER BY interval_start, version
                """, arguments: [model, start]).map(Self.intervalAggregate(from:))
        }
    }

    static func intervalAggregate(from row: Row) throws -> IntervalAggregate {
        let start: Int64 = row["interval_start"]
        return IntervalAggregate(
            model: row["model"],
            version: row["version"],
            intervalStart: Date(timeIntervalSince1970: Double(start)),
            counts: AggregateCounts(
                count: row["count"],
                errors: row["errors"],
                latency: try LatencyHistogram(jsonText: row["latency_histogram"]),
                rewardCount: row["reward_count"],
                rewardSum: row["reward_sum"],
                rewardSumOfSquares: row["reward_sum_squares"],
                latencySumMillis: row["latency_ms_sum"],
                latencySumOfSquaresMillis: row["latency_ms_sum_squares"]
            )
        )
    }
}
