import Foundation
import GRDB

extension SQLiteStore {
    /// Deletes old per-request rows and old aggregate intervals in one transaction.
    @discardableResult
    package func prune(decisionsBefore: Date, aggregatesBefore: Date) async throws -> Int {
        let decisionCutoff = StoreTime.micros(decisionsBefore)
        let aggregateCutoff = Int64(aggregatesBefore.timeIntervalSince1970.rounded(.down))
        return try await pool.write { db in
            // Outcomes, feedback and payload samples go with their decision (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM decision WHERE time < ?", arguments: [decisionCutoff])
            let deleted = db.changesCount
            // Sampled shadow answers have no foreign key to their decision: pruned by their own time.
            try db.execute(sql: "DELETE FROM shadow_sample WHERE time < ?", arguments: [decisionCutoff])
            try db.execute(sql: "DELETE FROM version_interval WHERE interval_start < ?", arguments: [aggregateCutoff])
            return deleted
        }
    }
}
