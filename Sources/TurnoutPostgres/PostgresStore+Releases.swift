import Foundation
import PostgresNIO
import TurnoutCore
import TurnoutStore

extension PostgresStore {
    /// The stored release of `model`.
    package func release(model: String) async throws -> ReleaseRecord? {
        try await releaseRecords(PostgresQuery("SELECT \(unescaped: Self.releaseColumns) FROM release WHERE model = \(model)")).first
    }

    /// Every stored release, ordered by model.
    package func releases() async throws -> [ReleaseRecord] {
        try await releaseRecords(PostgresQuery("SELECT \(unescaped: Self.releaseColumns) FROM release ORDER BY model"))
    }

    /// Saves a release against the revision the caller last read, with its audit event, atomically.
    ///
    /// The check and the write are one statement (an insert that does nothing when the model
    /// already has a row, or an update conditioned on the revision), so two replicas saving
    /// against the same revision cannot both succeed. The commit announces the model on
    /// ``releaseChannel``.
    package func saveRelease(_ release: ReleaseRecord, expectedRevision: Int64, event: AuditEvent) async throws -> ReleaseRecord {
        try await transaction { connection in
            var saved = release
            saved.revision = expectedRevision + 1
            let updatedAt = StoreTime.micros(saved.updatedAt)
            let query: PostgresQuery = expectedRevision == 0
                ? """
                    INSERT INTO release (model, spec, phase, step, controller_state, revision, updated_at)
                    VALUES (\(saved.model), \(saved.spec), \(saved.phase), \(saved.step), \(saved.controllerState), 1, \(updatedAt))
                    ON CONFLICT (model) DO NOTHING RETURNING revision
                    """
                : """
                    UPDATE release SET spec = \(saved.spec), phase = \(saved.phase), step = \(saved.step),
                        controller_state = \(saved.controllerState), revision = revision + 1, updated_at = \(updatedAt)
                    WHERE model = \(saved.model) AND revision = \(expectedRevision) RETURNING revision
                    """
            var written = false
            for try await _ in try await connection.query(query, logger: logger).decode(Int64.self) { written = true }
            guard written else {
                var actual: Int64 = 0
                for try await revision in try await connection.query(
                    "SELECT revision FROM release WHERE model = \(release.model)", logger: logger
                ).decode(Int64.self) { actual = revision }
                throw StoreError.revisionConflict(model: release.model, expected: expectedRevision, actual: actual)
            }
            _ = try await Self.insert(event, on: connection, logger: logger)
            try await connection.query("SELECT pg_notify(\(Self.releaseChannel), \(release.model))", logger: logger)
            return saved
        }
    }

    static let releaseColumns = "model, spec, phase, step, controller_state, revision, updated_at"

    private func releaseRecords(_ query: PostgresQuery) async throws -> [ReleaseRecord] {
        var records: [ReleaseRecord] = []
        let rows = try await client.query(query, logger: logger)
        for try await (model, spec, phase, step, state, revision, updatedAt) in rows.decode((String, String, String, Int, String, Int64, Int64).self) {
            records.append(ReleaseRecord(
                model: model, spec: spec, phase: phase, step: step, controllerState: state, revision: revision,
                updatedAt: StoreTime.date(micros: updatedAt)
            ))
        }
        return records
    }
}
