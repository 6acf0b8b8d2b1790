import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Saves controllers' running state, replacing what was stored under the same keys.
    package func saveModelStates(_ states: [ModelStateRecord]) async throws {
        guard !states.isEmpty else { return }
        try await transaction { connection in
            for state in states {
                try await connection.query("""
                    INSERT INTO model_state (model, key, value, updated_at)
                    VALUES (\(state.model), \(state.key), \(state.value), \(StoreTime.micros(state.updatedAt)))
                    ON CONFLICT (model, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, logger: logger)
            }
        }
    }

    /// Every state stored for a model whose key starts with `prefix`.
    package func modelStates(model: String, prefix: String) async throws -> [ModelStateRecord] {
        let rows = try await client.query("""
            SELECT model, key, value, updated_at FROM model_state WHERE model = \(model) AND starts_with(key, \(prefix)) ORDER BY key
            """, logger: logger)
        var states: [ModelStateRecord] = []
        for try await (model, key, value, updatedAt) in rows.decode((String, String, String, Int64).self) {
            states.append(ModelStateRecord(model: model, key: key, value: value, updatedAt: StoreTime.date(micros: updatedAt)))
        }
        return states
    }

    /// Deletes a model's states whose key starts with `prefix`.
    @discardableResult
    package func deleteModelStates(model: String, prefix: String) async throws -> Int {
        var deleted = 0
        for try await count in try await client.query("""
            WITH gone AS (DELETE FROM model_state WHERE model = \(model) AND starts_with(key, \(prefix)) RETURNING 1) SELECT COUNT(*) FROM gone
            """, logger: logger).decode(Int.self) { deleted = count }
        return deleted
    }
}
