import Foundation
import GRDB

extension SQLiteStore {
    /// Records rewards joined to their decisions, in one transaction committed before returning.
    public func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult] {
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
        let previous = try Double.fetchOne(db, sql: "SELECT reward FROM feedback WHERE request_id = ?", arguments: [item.requestID])
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

    /// The feedback stored for a request id.
    public func feedback(requestID: String) async throws -> FeedbackItem? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feedback WHERE request_id = ?", arguments: [requestID]).map { row in
                FeedbackItem(requestID: row["request_id"], reward: row["reward"], time: StoreTime.date(micros: row["time"]))
            }
        }
    }
}
