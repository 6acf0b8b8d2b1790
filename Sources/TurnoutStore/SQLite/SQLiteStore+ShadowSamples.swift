import Foundation
import GRDB

extension SQLiteStore {
    /// Stores shadows' answers to sampled mirrored requests; a second answer of the same
    /// version to the same request replaces the first.
    package func appendShadowSamples(_ samples: [ShadowSample]) async throws {
        guard !samples.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO shadow_sample (request_id, version, model, time, outcome, status, latency_us, response, truncated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for sample in samples {
                try statement.execute(arguments: [
                    sample.requestID, sample.version, sample.model, StoreTime.micros(sample.time), sample.outcome,
                    sample.status, sample.latencyMicros, sample.response, sample.truncated,
                ])
            }
        }
    }

    /// The shadows' answers stored for a request, by version.
    package func shadowSamples(requestID: String) async throws -> [ShadowSample] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM shadow_sample WHERE request_id = ? ORDER BY version", arguments: [requestID])
                .map(Self.shadowSample)
        }
    }

    /// The newest `limit` shadow answers stored for `model`, newest first.
    package func recentShadowSamples(model: String, limit: Int) async throws -> [ShadowSample] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM shadow_sample WHERE model = ? ORDER BY time DESC, request_id, version LIMIT ?",
                arguments: [model, max(0, limit)]
            ).map(Self.shadowSample)
        }
    }

    private static func shadowSample(_ row: Row) -> ShadowSample {
        ShadowSample(
            requestID: row["request_id"], model: row["model"], version: row["version"],
            time: StoreTime.date(micros: row["time"]), outcome: row["outcome"], status: row["status"],
            latencyMicros: row["latency_us"], response: row["response"], truncated: row["truncated"]
        )
    }
}
