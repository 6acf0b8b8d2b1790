import Foundation
import GRDB

extension SQLiteStore {
    /// Each version's requests decided in `[since, until)`, from the decision log itself rather
    /// than the per-minute aggregates, so a comparison covers exactly the same stretch of time.
    /// Requests that chose their version themselves (pinned, preview) are left out: they are not
    /// the release's traffic.
    ///
    /// Latencies, at most `latencyLimit` of each version, all come from the same stretch of time:
    /// all of the range when the version with the fewest requests has no more than the limit
    /// (a small canary keeps every latency it has), else from where its newest `latencyLimit`
    /// begin. A busier version is thinned evenly over that stretch (every k-th, newest first), so
    /// both sides describe the same time and the same load.
    package func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes] {
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
            // The common stretch: all of the step for the version with the fewest requests (a
            // small canary), or its newest `limit`; busier versions are thinned evenly over it.
            var latencyStart = from
            if let quietest = totals.min(by: { ($0["requests"] as Int) < ($1["requests"] as Int) }), (quietest["requests"] as Int) > limit {
                let version: String = quietest["version"]
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
                let inStretch = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM decision WHERE model = ? AND version = ? AND time >= ? AND time < ?
                        AND reason NOT IN ('pinned', 'preview')
                    """, arguments: [model, version, latencyStart, to]) ?? 0
                let every = limit > 0 ? max(1, (inStretch + limit - 1) / limit) : 1
                let latencies = try Int64.fetchAll(db, sql: """
                    SELECT latency_us FROM (
                        SELECT o.latency_us AS latency_us, ROW_NUMBER() OVER (ORDER BY d.time DESC) AS n
                        FROM decision d JOIN outcome o ON o.request_id = d.request_id
                        WHERE d.model = ? AND d.version = ? AND d.time >= ? AND d.time < ? AND d.reason NOT IN ('pinned', 'preview')
                    ) WHERE (n - 1) % ? = 0 ORDER BY n LIMIT ?
                    """, arguments: [model, version, latencyStart, to, every, limit])
                result[version] = VersionOutcomes(
                    requests: row["requests"], errors: row["errors"], latenciesMicros: latencies,
                    rewardCount: row["reward_count"], rewardSum: row["reward_sum"], rewardSumSquares: row["reward_squares"]
                )
            }
            return result
        }
    }
}
