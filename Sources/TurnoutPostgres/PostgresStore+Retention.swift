import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Deletes old per-request rows and old aggregate intervals in one transaction.
    @discardableResult
    package func prune(decisionsBefore: Date, aggregatesBefore: Date) async throws -> Int {
        let decisionCutoff = StoreTime.micros(decisionsBefore)
        let aggregateCutoff = Int64(aggregatesBefore.timeIntervalSince1970.rounded(.down))
        return try await transaction { connection in
            // Outcomes, feedback and payload samples go with their decision (ON DELETE CASCADE).
            var deleted = 0
            for try await count in try await connection.query("""
                WITH gone AS (DELETE FROM decision WHERE time < \(decisionCutoff) RETURNING 1) SELECT COUNT(*) FROM gone
                """, logger: logger).decode(Int.self) { deleted = count }
            // Sampled shadow answers have no foreign key to their decision: pruned by their own time.
            try await connection.query("DELETE FROM shadow_sample WHERE time < \(decisionCutoff)", logger: logger)
            try await connection.query("DELETE FROM version_interval WHERE interval_start < \(aggregateCutoff)", logger: logger)
            return deleted
        }
    }
}
