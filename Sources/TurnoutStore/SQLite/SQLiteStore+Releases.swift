import Foundation
import GRDB
import TurnoutCore

extension SQLiteStore {
    /// The stored release of `model`.
    package func release(model: String) async throws -> ReleaseRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM release WHERE model = ?", arguments: [model]).map(Self.releaseRecord(from:))
        }
    }

    /// Every stored release, ordered by model.
    package func releases() async throws -> [ReleaseRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM release ORDER BY model").map(Self.releaseRecord(from:))
        }
    }

    /// Saves a release against the revision the caller last read, with its audit event, atomically.
    package func saveRelease(_ release: ReleaseRecord, expectedRevision: Int64, event: AuditEvent) async throws -> ReleaseRecord {
        try await pool.write { db in
            let stored = try Int64.fetchOne(db, sql: "SELECT revision FROM release WHERE model = ?", arguments: [release.model]) ?? 0
            guard stored == expectedRevision else {
                throw StoreError.revisionConflict(model: release.model, expected: expectedRevision, actual: stored)
            }
            var saved = release
            saved.revision = stored + 1
            try db.execute(sql: """
                INSERT INTO release (model, spec, phase, step, controller_state, revision, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (model) DO UPDATE SET
                    spec = excluded.spec, phase = excluded.phase, step = excluded.step,
                    controller_state = excluded.controller_state, revision = excluded.revision,
                    updated_at = excluded.updated_at
                """, arguments: [
                    saved.model, saved.spec, saved.phase, saved.step, saved.controllerState,
                    saved.revision, StoreTime.micros(saved.updatedAt),
                ])
            _ = try Self.insert(event, in: db)
            return saved
        }
    }

    static func releaseRecord(from row: Row) -> ReleaseRecord {
        ReleaseRecord(
            model: row["model"],
            spec: row["spec"],
            phase: row["phase"],
            step: row["step"],
            controllerState: row["controller_state"],
            revision: row["revision"],
            updatedAt: StoreTime.date(micros: row["updated_at"])
        )
    }
}
