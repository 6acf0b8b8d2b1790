import Foundation
import GRDB
import TurnoutCore

extension SQLiteStore {
    /// Appends an audit event and returns it with its id.
    package func appendEvent(_ event: AuditEvent) async throws -> AuditEvent {
        try await pool.write { db in try Self.insert(event, in: db) }
    }

    /// The newest `limit` events, newest first, of one model or of all.
    package func events(model: String?, limit: Int) async throws -> [AuditEvent] {
        try await pool.read { db in
            let rows: [Row]
            if let model {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_event WHERE model = ? ORDER BY id DESC LIMIT ?", arguments: [model, max(0, limit)])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
            }
            return rows.compactMap(Self.auditEvent(from:))
        }
    }

    static func insert(_ event: AuditEvent, in db: Database) throws -> AuditEvent {
        try db.execute(sql: """
            INSERT INTO audit_event (time, model, actor, action, from_state, to_state, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                StoreTime.micros(Date(timeIntervalSince1970: event.time)), event.model, event.actor, event.action,
                event.from?.rawValue, event.to.rawValue, event.reason,
            ])
        var stored = event
        stored.id = db.lastInsertedRowID
        return stored
    }

    /// The event of a row. Every row is written from an ``AuditEvent``, so its phases are
    /// lifecycle phases; a row that is not (edited by hand) is left out rather than shown wrong.
    static func auditEvent(from row: Row) -> AuditEvent? {
        let fromText: String? = row["from_state"]
        let toText: String? = row["to_state"]
        guard let to = toText.flatMap(ReleasePhase.init(rawValue:)) else { return nil }
        let from = fromText.flatMap(ReleasePhase.init(rawValue:))
        if fromText != nil && from == nil { return nil }
        let reason: String? = row["reason"]
        return AuditEvent(
            id: row["id"],
            time: StoreTime.date(micros: row["time"]).timeIntervalSince1970,
            model: row["model"],
            actor: row["actor"],
            action: row["action"],
            from: from,
            to: to,
            reason: reason ?? ""
        )
    }
}
