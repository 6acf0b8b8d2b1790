import Foundation
import GRDB

extension SQLiteStore {
    /// Each version's requests decided in `[since, until)`, from the decision log itself rather
    /// than the per-minute aggregates, so a comparison covers exactly the same stretch of time.
    /// Requests that chose their version themselves (pinned, preview) are left out: they are not
    /// the release's traffic.
    ///
    /// Latencies are the newest `latencyLimit` of each version, all from the same stretch: it
    /// starts where the busiest version's newest `latencyLimit` start, so a version with a small
    /// share is not compared over a longer (and differently loaded) time than the others.
    public func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes] {
        let from = StoreTime.micros(since)
        let to = until.map(StoreTime.micros) ?? Int64.max
        let limit = max(0, latencyLimit)
        return try await pool.read { db in
            var result: [String: VersionOutcomes] = [:]
            let totals = try Row.fetchAll(db, sql: """
                SELECT d.version, COUNT(*) AS requests,
                       SUM(o.error_kind IS NOT NULL OR o.status >= 500) AS errors,
                       COUNT(f.reward) AS reward_count, TOTAL(f.reward) AS reward_sum, TOTAL(f.reward * f.reward) AS reward_squares
                FROM decision d JOIN outcome o ON o.request_id = d.request_id
                LEFT JOIN feedback f ON f.request_id = d.request_id
                WHERE d.model = ? AND d.time >= ? AND d.time < ? AND d.reason NOT IN ('pinned', 'preview')
                GROUP BY d.version
                """, arguments: [model, from, to])
            var latencyStart = from
            if let busiest = totals.max(by: { ($0["requests"] as Int) < ($1["requests"] as Int) }), (busiest["requests"] as Int) > limit {
                let version: String = busiest["version"]
                if let start = try Int64.fetchOne(db, sql: """
                    SELECT time FROM decision WHERE model = ? AND version = ? AND time >= ? AND time < ?
                        AND reason NOT IN ('pinned', 'preview')
                    ORDER BY time DESC LIMIT 1 OFFSET ?
                    """, arguments: [model, version, from, to, limit - 1]) {
                    latencyStart = max(latencyStart, start)
                }
            }
            for row in totals {
                let version: String = row["version"]
                let latencies = try Int64.fetchAll(db, sql: """
                    SELECT o.latency_us FROM decision d JOIN outcome o ON o.request_id = d.request_id
                    WHERE d.model = ? AND d.version = ? AND d.time >= ? AND d.time < ? AND d.reason NOT IN ('pinned', 'preview')
                    ORDER BY d.time DESC LIMIT ?
                    """, arguments: [model, version, latencyStart, to, limit])
                result[version] = VersionOutcomes(
                    requests: row["requests"], errors: row["errors"], latenciesMicros: latencies,
                    rewardCount: row["reward_count"], rewardSum: row["reward_sum"], rewardSumSquares: row["reward_squares"]
                )
            }
            return result
        }
    }
}
