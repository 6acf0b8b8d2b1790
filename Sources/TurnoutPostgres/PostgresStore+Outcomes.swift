import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Each version's requests decided in `[since, until)`, pinned and preview requests left out,
    /// with latencies from one common stretch of time: the same rule as the SQLite store's
    /// (see `SQLiteStore.versionOutcomes`), in one repeatable-read snapshot.
    package func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes] {
        let from = StoreTime.micros(since)
        let to = until.map(StoreTime.micros) ?? Int64.max
        let limit = max(0, latencyLimit)
        return try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            struct Totals { var version: String, requests: Int, errors: Int, rewardCount: Int, rewardSum: Double, rewardSquares: Double }
            var totals: [Totals] = []
            for try await row in try await connection.query("""
                SELECT d.version, COUNT(*), COUNT(*) FILTER (WHERE o.error_kind IS NOT NULL OR o.status >= 500),
                       COUNT(f.reward), COALESCE(SUM(f.reward), 0), COALESCE(SUM(f.reward * f.reward), 0)
                FROM decision d JOIN outcome o ON o.request_id = d.request_id
                LEFT JOIN feedback f ON f.request_id = d.request_id
                WHERE d.model = \(model) AND d.time >= \(from) AND d.time < \(to) AND d.reason NOT IN ('pinned', 'preview')
                GROUP BY d.version ORDER BY d.version
                """, logger: logger).decode((String, Int, Int, Int, Double, Double).self) {
                totals.append(Totals(version: row.0, requests: row.1, errors: row.2, rewardCount: row.3, rewardSum: row.4, rewardSquares: row.5))
            }
            var latencyStart = from
            if let quietest = totals.min(by: { $0.requests < $1.requests }), quietest.requests > limit {
                for try await start in try await connection.query("""
                    SELECT time FROM decision WHERE model = \(model) AND version = \(quietest.version) AND time >= \(from) AND time < \(to)
                        AND reason NOT IN ('pinned', 'preview')
                    ORDER BY time DESC LIMIT 1 OFFSET \(max(0, limit - 1))
                    """, logger: logger).decode(Int64.self) {
                    latencyStart = max(latencyStart, start)
                }
            }
            var result: [String: VersionOutcomes] = [:]
            for row in totals {
                var inStretch = 0
                for try await count in try await connection.query("""
                    SELECT COUNT(*) FROM decision WHERE model = \(model) AND version = \(row.version) AND time >= \(latencyStart) AND time < \(to)
                        AND reason NOT IN ('pinned', 'preview')
                    """, logger: logger).decode(Int.self) { inStretch = count }
                let every = limit > 0 ? max(1, (inStretch + limit - 1) / limit) : 1
                var latencies: [Int64] = []
                for try await latency in try await connection.query("""
                    SELECT latency_us FROM (
                        SELECT o.latency_us AS latency_us, ROW_NUMBER() OVER (ORDER BY d.time DESC) AS n
                        FROM decision d JOIN outcome o ON o.request_id = d.request_id
                        WHERE d.model = \(model) AND d.version = \(row.version) AND d.time >= \(latencyStart) AND d.time < \(to)
                            AND d.reason NOT IN ('pinned', 'preview')
                    ) AS numbered WHERE (n - 1) % \(every) = 0 ORDER BY n LIMIT \(limit)
                    """, logger: logger).decode(Int64.self) { latencies.append(latency) }
                result[row.version] = VersionOutcomes(
                    requests: row.requests, errors: row.errors, latenciesMicros: latencies,
                    rewardCount: row.rewardCount, rewardSum: row.rewardSum, rewardSumSquares: row.rewardSquares
                )
            }
            return result
        }
    }
}
