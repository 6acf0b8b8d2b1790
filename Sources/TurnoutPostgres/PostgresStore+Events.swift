import Foundation
import Logging
import PostgresNIO
import TurnoutCore
import TurnoutStore

extension PostgresStore {
    /// Appends an audit event and returns it with its id.
    package func appendEvent(_ event: AuditEvent) async throws -> AuditEvent {
        try await transaction { connection in try await Self.insert(event, on: connection, logger: logger) }
    }

    /// The newest `limit` events, newest first, of one model or of all.
    package func events(model: String?, limit: Int) async throws -> [AuditEvent] {
        let limit = max(0, limit)
        let query: PostgresQuery = model.map { model in
            "SELECT \(unescaped: Self.eventColumns) FROM audit_event WHERE model = \(model) ORDER BY id DESC LIMIT \(limit)"
        } ?? "SELECT \(unescaped: Self.eventColumns) FROM audit_event ORDER BY id DESC LIMIT \(limit)"
        var events: [AuditEvent] = []
        let rows = try await client.query(query, logger: logger)
        for try await row in rows.decode((Int64, Int64, String, String, String, String?, String?, String?).self) {
            if let event = Self.auditEvent(from: row) { events.append(event) }
        }
        return events
    }

    static let eventColumns = "id, time, model, actor, action, from_state, to_state, reason"

    static func insert(_ event: AuditEvent, on connection: PostgresConnection, logger: Logger) async throws -> AuditEvent {
        let time = StoreTime.micros(Date(timeIntervalSince1970: event.time))
        let rows = try await connection.query("""
            INSERT INTO audit_event (time, model, actor, action, from_state, to_state, reason)
            VALUES (\(time), \(event.model), \(event.actor), \(event.action), \(event.from?.rawValue), \(event.to.rawValue), \(event.reason))
            RETURNING id
            """, logger: logger)
        var stored = event
        for try await id in rows.decode(Int64.self) { stored.id = id }
        return stored
    }

    /// The event of a row; a row whose phases are not lifecycle phases (edited by hand) is left
    /// out rather than shown wrong, as the SQLite store does.
    static func auditEvent(
        from row: (id: Int64, time: Int64, model: String, actor: String, action: String, from: String?, to: String?, reason: String?)
    ) -> AuditEvent? {
        guard let to = row.to.flatMap(ReleasePhase.init(rawValue:)) else { return nil }
        let from = row.from.flatMap(ReleasePhase.init(rawValue:))
        if row.from != nil && from == nil { return nil }
        return AuditEvent(
            id: row.id, time: StoreTime.date(micros: row.time).timeIntervalSince1970, model: row.model, actor: row.actor,
            action: row.action, from: from, to: to, reason: row.reason ?? ""
        )
    }
}
