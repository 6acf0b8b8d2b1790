import Foundation
import GRDB

extension SQLiteStore {
    /// Records rewards joined to their decisions, in one transaction committed before returning.
    package func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult] {
        guard !items.isEmpty else { return [] }
        let intervalSeconds = options.aggregateIntervalSeconds
        return try await pool.write { db in
            try items.map { item in try Self.record(item, intervalSeconds: intervalSeconds, in: db) }
        }
    }

    /// Stores one reward and moves the reward sums of its decision's version and interval by the
    /// difference it makes (a replaced reward is taken out again).
    static func record(_ item: FeedbackItem, intervalSeconds: Int64, in db: Database) throws -> FeedbackResult {
        guard item.reward.isFinite else { return .invalidReward(requestID: item.requestID) }
        guard let decision = try Row.fetchOne(
            db, sql: "SELECT model, version, time FROM decision WHERE request_id = ?", arguments: [item.requestID]
        ) else {
            return .notFound(requestID: item.requestID)
        }
        let model: String = decision["model"]
        let version: String = decision["version"]
        let decisionTime = StoreTime.date(micros: decision["time"])
        let existing = try Row.fetchOne(db, sql: "SELECT reward, is_default FROM feedback WHERE request_id = ?", arguments: [item.requestID])
        if let existing, (existing["is_default"] as Int) != 0 { return .late(requestID: item.requestID) }
        let previous: Double? = existing?["reward"]
        try db.execute(sql: """
            INSERT INTO feedback (request_id, reward, time) VALUES (?, ?, ?)
            ON CONFLICT (request_id) DO UPDATE SET reward = excluded.reward, time = excluded.time
            """, arguments: [item.requestID, item.reward, StoreTime.micros(item.time)])
        let increment = AggregateCounts(
            rewardCount: previous == nil ? 1 : 0,
            rewardSum: item.reward - (previous ?? 0),
            rewardSumOfSquares: item.reward * item.reward - (previous ?? 0) * (previous ?? 0)
        )
        let start = StoreTime.intervalStart(of: decisionTime, seconds: intervalSeconds)
        try addAggregate(
            IntervalAggregate(model: model, version: version, intervalStart: Date(timeIntervalSince1970: Double(start)), counts: increment),
            in: db
        )
        return .recorded(model: model, version: version)
    }

    /// Gives every decision of `model` made from `since` until `decidedBefore` that has no reward
    /// yet the reward `reward`, marked as a default, and counts it in the aggregates; one transaction.
    /// Returns how many decisions got it.
    package func applyDefaultRewards(model: String, since: Date, decidedBefore: Date, reward: Double) async throws -> Int {
        let intervalSeconds = options.aggregateIntervalSeconds
        let now = StoreTime.micros(Date())
        return try await pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.request_id, d.version, d.time FROM decision d LEFT JOIN feedback f ON f.request_id = d.request_id
                WHERE d.model = ? AND d.time >= ? AND d.time < ? AND f.request_id IS NULL
                """, arguments: [model, StoreTime.micros(since), StoreTime.micros(decidedBefore)])
            guard !rows.isEmpty else { return 0 }
            let insert = try db.cachedStatement(sql: "INSERT INTO feedback (request_id, reward, time, is_default) VALUES (?, ?, ?, 1)")
            struct Key: Hashable { var version: String, start: Int64 }
            var counts: [Key: Int64] = [:]
            for row in rows {
                try insert.execute(arguments: [row["request_id"] as String, reward, now])
                let start = StoreTime.intervalStart(of: StoreTime.date(micros: row["time"]), seconds: intervalSeconds)
                counts[Key(version: row["version"], start: start), default: 0] += 1
            }
            for (key, count) in counts {
                let increment = AggregateCounts(rewardCount: count, rewardSum: Double(count) * reward, rewardSumOfSquares: Double(count) * reward * reward)
                try Self.addAggregate(
                    IntervalAggregate(model: model, version: key.version, intervalStart: Date(timeIntervalSince1970: Double(key.start)), counts: increment),
                    in: db
                )
            }
            return rows.count
        }
    }

    /// The feedback stored for a request id.
    package func feedback(requestID: String) async throws -> FeedbackItem? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feedback WHERE request_id = ?", arguments: [requestID]).map { row in
                FeedbackItem(requestID: row["request_id"], reward: row["reward"], time: StoreTime.date(micros: row["time"]))
            }
        }
    }
}
