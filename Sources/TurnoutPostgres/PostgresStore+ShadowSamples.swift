import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Stores shadows' answers to sampled mirrored requests; a second answer of the same
    /// version to the same request replaces the first.
    package func appendShadowSamples(_ samples: [ShadowSample]) async throws {
        guard !samples.isEmpty else { return }
        try await transaction { connection in
            for sample in samples {
                try await connection.query("""
                    INSERT INTO shadow_sample (request_id, version, model, time, outcome, status, latency_us, response, truncated)
                    VALUES (\(sample.requestID), \(sample.version), \(sample.model), \(StoreTime.micros(sample.time)), \(sample.outcome),
                        \(sample.status.map(Int64.init)), \(sample.latencyMicros), \(sample.response), \(sample.truncated))
                    ON CONFLICT (request_id, version) DO UPDATE SET
                        model = excluded.model, time = excluded.time, outcome = excluded.outcome, status = excluded.status,
                        latency_us = excluded.latency_us, response = excluded.response, truncated = excluded.truncated
                    """, logger: logger)
            }
        }
    }

    /// The shadows' answers stored for a request, by version.
    package func shadowSamples(requestID: String) async throws -> [ShadowSample] {
        try await decodeShadowSamples(client.query("""
            SELECT request_id, model, version, time, outcome, status, latency_us, response, truncated
            FROM shadow_sample WHERE request_id = \(requestID) ORDER BY version
            """, logger: logger))
    }

    /// The newest `limit` shadow answers stored for `model`, newest first.
    package func recentShadowSamples(model: String, limit: Int) async throws -> [ShadowSample] {
        try await decodeShadowSamples(client.query("""
            SELECT request_id, model, version, time, outcome, status, latency_us, response, truncated
            FROM shadow_sample WHERE model = \(model) ORDER BY time DESC, request_id, version LIMIT \(Int64(max(0, limit)))
            """, logger: logger))
    }

    private func decodeShadowSamples(_ rows: PostgresRowSequence) async throws -> [ShadowSample] {
        var samples: [ShadowSample] = []
        for try await row in rows.decode((String, String, String, Int64, String, Int?, Int64?, Data, Bool).self) {
            samples.append(ShadowSample(
                requestID: row.0, model: row.1, version: row.2, time: StoreTime.date(micros: row.3), outcome: row.4, status: row.5,
                latencyMicros: row.6, response: row.7, truncated: row.8
            ))
        }
        return samples
    }
}
