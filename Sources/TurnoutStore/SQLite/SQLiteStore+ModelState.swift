import Foundation
import GRDB

extension SQLiteStore {
    /// Saves controllers' running state, replacing what was stored under the same keys.
    package func saveModelStates(_ states: [ModelStateRecord]) async throws {
        guard !states.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO model_state (model, key, value, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (model, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """)
            for state in states {
                try statement.execute(arguments: [state.model, state.key, state.value, StoreTime.micros(state.updatedAt)])
            }
        }
    }

    /// Every state stored for a model whose key starts with `prefix`.
    package func modelStates(model: String, prefix: String) async throws -> [ModelStateRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM model_state WHERE model = ? AND substr(key, 1, ?) = ? ORDER BY key",
                arguments: [model, prefix.unicodeScalars.count, prefix]
            ).map { row in
                ModelStateRecord(model: row["model"], key: row["key"], value: row["value"], updatedAt: StoreTime.date(micros: row["updated_at"]))
            }
        }
    }

    /// Deletes a model's states whose key starts with `prefix`.
    @discardableResult
    package func deleteModelStates(model: String, prefix: String) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM model_state WHERE model = ? AND substr(key, 1, ?) = ?", arguments: [model, prefix.unicodeScalars.count, prefix])
            return db.changesCount
        }
    }
}
