import Foundation
import Logging
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Records rewards joined to their decisions, in one transaction committed before returning.
    ///
    /// Each reward locks its decision's row first, so two replicas recording rewards for one
    /// request take turns and the reward count moves once. Decisions are locked in request-id
    /// order, so two batches cannot wait on each other.
    package func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult] {
        guard !items.isEmpty else { return [] }
        let intervalSeconds = options.aggregateIntervalSeconds
        let order = items.indices.sorted { (items[$0].requestID, $0) < (items[$1].requestID, $1) }
        return try await transaction(within: Self.writeLimit) { [logger] connection in
            var results = [FeedbackResult?](repeating: nil, count: items.count)
            for index in order {
                results[index] = try await Self.record(items[index], intervalSeconds: intervalSeconds, on: connection, logger: logger)
            }
            return results.compactMap { $0 }
        }
    }

    /// Stores one reward and moves the reward sums of its decision's version and interval by the
    /// difference it makes (a replaced reward is taken out again).
    static func record(_ item: FeedbackItem, intervalSeconds: Int64, on connection: PostgresConnection, logger: Logger) async throws -> FeedbackResult {
        guard item.reward.isFinite else { return .invalidReward(requestID: item.requestID) }
        var found: (model: String, version: String, time: Int64)?
        for try await row in try await connection.query(
            "SELECT model, version, time FROM decision WHERE request_id = \(item.requestID) FOR UPDATE", logger: logger
        ).decode((String, String, Int64).self) { found = row }
        guard let decision = found else { return .notFound(requestID: item.requestID) }
        var existing: (reward: Double, isDefault: Bool)?
        for try await row in try await connection.query(
            "SELECT reward, is_default FROM feedback WHERE request_id = \(item.requestID)", logger: logger
        ).decode((Double, Bool).self) { existing = row }
        if existing?.isDefault == true { return .late(requestID: item.requestID) }
        let previous = existing?.reward
        try await connection.query("""
            INSERT INTO feedback (request_id, reward, time) VALUES (\(item.requestID), \(item.reward), \(StoreTime.micros(item.time)))
            ON CONFLICT (request_id) DO UPDATE SET reward = excluded.reward, time = excluded.time
            """, logger: logger)
        let increment = AggregateCounts(
            rewardCount: previous == nil ? 1 : 0,
            rewardSum: item.reward - (previous ?? 0),
            rewardSumOfSquares: item.reward * item.reward - (previous ?? 0) * (previous ?? 0)
        )
        let start = StoreTime.intervalStart(of: StoreTime.date(micros: decision.time), seconds: intervalSeconds)
        try await addAggregate(
            IntervalAggregate(model: decision.model, version: decision.version, intervalStart: Date(timeIntervalSince1970: Double(start)), counts: increment),
            on: connection, logger: logger
        )
        return .recorded(model: decision.model, version: decision.version)
    }

    /// Gives every decision of `model` made from `since` until `decidedBefore` that has no reward
    /// yet the reward `reward`, marked as a default, and counts it in the aggregates; one transaction.
    ///
    /// The decisions are locked first, so a real reward being recorded on another replica either
    /// commits before (and the decision is skipped) or waits and then finds the default (late).
    package func applyDefaultRewards(model: String, since: Date, decidedBefore: Date, reward: Double) async throws -> Int {
        let intervalSeconds = options.aggregateIntervalSeconds
        let now = StoreTime.micros(Date())
        let from = StoreTime.micros(since)
        let to = StoreTime.micros(decidedBefore)
        return try await transaction { connection in
            try await connection.query("""
                SELECT request_id FROM decision WHERE model = \(model) AND time >= \(from) AND time < \(to)
                ORDER BY request_id FOR UPDATE
                """, logger: logger)
            let rows = try await connection.query("""
                WITH given AS (
                    INSERT INTO feedback (request_id, reward, time, is_default)
                    SELECT d.request_id, \(reward), \(now), TRUE FROM decision d
                    WHERE d.model = \(model) AND d.time >= \(from) AND d.time < \(to)
                        AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.request_id = d.request_id)
                    ON CONFLICT (request_id) DO NOTHING
                    RETURNING request_id
                )
                SELECT d.version, d.time FROM given JOIN decision d ON d.request_id = given.request_id
                """, logger: logger)
            struct Key: Hashable { var version: String, start: Int64 }
            var counts: [Key: Int64] = [:]
            var given = 0
            for try await (version, time) in rows.decode((String, Int64).self) {
                given += 1
                counts[Key(version: version, start: StoreTime.intervalStart(of: StoreTime.date(micros: time), seconds: intervalSeconds)), default: 0] += 1
            }
            for (key, count) in counts.sorted(by: { ($0.key.version, $0.key.start) < ($1.key.version, $1.key.start) }) {
                let increment = AggregateCounts(rewardCount: count, rewardSum: Double(count) * reward, rewardSumOfSquares: Double(count) * reward * reward)
                try await Self.addAggregate(
                    IntervalAggregate(model: model, version: key.version, intervalStart: Date(timeIntervalSince1970: Double(key.start)), counts: increment),
                    on: connection, logger: logger
                )
            }
            return given
        }
    }

    /// The feedback stored for a request id.
    package func feedback(requestID: String) async throws -> FeedbackItem? {
        let rows = try await client.query("SELECT request_id, reward, time FROM feedback WHERE request_id = \(requestID)", logger: logger)
        var item: FeedbackItem?
        for try await (id, reward, time) in rows.decode((String, Double, Int64).self) {
            item = FeedbackItem(requestID: id, reward: reward, time: StoreTime.date(micros: time))
        }
        return item
    }
}
