import Foundation
import GRDB

extension SQLiteStore {
    /// Each version's requests decided in `[since, until)`, from the decision log itself rather
    /// than the per-minute aggregates, so a comparison covers exactly the same stretch of time.
    public func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes] {
        let from = StoreTime.micros(since)
        let to = until.map(StoreTime.micros) ?? Int64.max
        return try await pool.read { db in
            var result: [String: VersionOutcomes] = [:]
            let totals = try Row.fetchAll(db, sql: """
                SELECT d.version, COUNT(*) AS requests,
                       SUM(o.error_kind IS NOT NULL OR o.status >= 500) AS errors,
                       COUNT(f.reward) AS reward_count, TOTAL(f.reward) AS reward_sum, TOTAL(f.reward * f.reward) AS reward_squares
                FROM decision d JOIN outcome o ON o.request_id = d.request_id
                LEFT JOIN feedback f ON f.request_id = d.request_id
                WHERE d.model = ? AND d.time >= ? AND d.time < ?
                GROUP BY d.version
                """, arguments: [model, from, to])
            for row in totals {
                let version: String = row["version"]
                let latencies = try Int64.fetchAll(db, sql: """
                    SELECT o.latency_us FROM decision d JOIN outcome o ON o.request_id = d.request_id
                    WHERE d.model = ? AND d.version = ? AND d.time >= ? AND d.time < ?
                    ORDER BY d.time DESC LIMIT ?
                    """, arguments: [model, version, from, to, max(0, latencyLimit)])
                result[version] = VersionOutcomes(
                    requests: row["requests"], errors: row["errors"], latenciesMicros: latencies,
                    rewardCount: row["reward_count"], rewardSum: row["reward_sum"], rewardSumSquares: row["reward_squares"]
                )
            }
            return result
        }
    }
}
