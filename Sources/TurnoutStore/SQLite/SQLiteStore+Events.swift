import Foundation
import GRDB

extension SQLiteStore {
    /// Appends an audit event and returns it with its id.
    package func appendEvent(_ event: StoredEvent) async throws -> StoredEvent {
        try await pool.write { db in try Self.insert(event, in: db) }
    }

    /// The newest `limit` events, newest first, of one model or of all.
    package func events(model: String?, limit: Int) async throws -> [StoredEvent] {
        try await pool.read { db in
            let rows: [Row]
            if let model {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_event WHERE model = ? ORDER BY id DESC LIMIT ?", arguments: [model, max(0, limit)])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return rows.map(Self.auditEvent(from:))
        }
    }

    static func insert(_ event: StoredEvent, in db: Database) throws -> StoredEvent {
        try db.execute(sql: """
            INSERT INTO audit_event (time, model, actor, action, from_state, to_state, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [StoreTime.micros(event.time), event.model, event.actor, event.action, event.from, event.to, event.reason])
        var stored = event
        stored.id = db.lastInsertedRowID
        return stored
    }

    static func auditEvent(from row: Row) -> StoredEvent {
        StoredEvent(
            id: row["id"],
            time: StoreTime.date(micros: row["time"]),
            model: row["model"],
            actor: row["actor"],
            action: row["action"],
            from: row["from_state"],
            to: row["to_state"],
            reason: row["reason"]
        )
    }
}
