import Foundation
import GRDB

extension SQLiteStore {
    /// Writes decisions, outcomes, payload samples and aggregate increments in one transaction.
    package func append(_ batch: ObservationBatch) async throws {
        guard !batch.isEmpty else { return }
        try batch.validate()
        let increments = batch.aggregateIncrements(intervalSeconds: options.aggregateIntervalSeconds)
        try await pool.write { db in
            let statements = try InsertStatements(db)
            for observation in batch.observations {
                try statements.insert(observation)
            }
            for increment in increments {
                try Self.addAggregate(increment, in: db)
            }
        }
    }

    /// The insert statements of one transaction, looked up once rather than once per row (the
    /// statement cache hashes the SQL text on every lookup). Decisions and outcomes, two rows
    /// every request, are bound directly (``SQLiteRowBinding``).
    struct InsertStatements {
        let decision: SQLiteRowBinding
        let outcome: SQLiteRowBinding
        let payload: Statement

        init(_ db: Database) throws {
            decision = SQLiteRowBinding(try db.cachedStatement(sql: """
                INSERT INTO decision (request_id, time, model, version, unit_hash, reason, probability)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING
                """))
            outcome = SQLiteRowBinding(try db.cachedStatement(sql: """
                INSERT INTO outcome (request_id, status, latency_us, error_kind)
                VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING
                """))
            payload = try db.cachedStatement(sql: """
                INSERT INTO payload_sample (request_id, request, response, truncated)
                VALUES (?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING
                """)
        }

        /// Inserts one observation; a request id seen before keeps its first decision, outcome and payload.
        func insert(_ observation: Observation) throws {
            let decision = observation.decision
            try self.decision.bind(decision.requestID, at: 1)
            try self.decision.bind(StoreTime.micros(decision.time), at: 2)
            try self.decision.bind(decision.model, at: 3)
            try self.decision.bind(decision.version, at: 4)
            try self.decision.bind(decision.unitHash, at: 5)
            try self.decision.bind(decision.reason, at: 6)
            try self.decision.bind(decision.probability, at: 7)
            try self.decision.run()
            let outcome = observation.outcome
            try self.outcome.bind(outcome.requestID, at: 1)
            try self.outcome.bind(Int64(outcome.status), at: 2)
            try self.outcome.bind(outcome.latencyMicros, at: 3)
            try self.outcome.bind(outcome.errorKind, at: 4)
            try self.outcome.run()
            if let payload = observation.payload {
                try self.payload.execute(arguments: [payload.requestID, payload.request, payload.response, payload.truncated])
            }
        }
    }

    /// Adds `increment` to its interval's row, creating the row when it is the interval's first.
    static func addAggregate(_ increment: IntervalAggregate, in db: Database) throws {
        let counts = increment.counts
        try db.cachedStatement(sql: """
            INSERT INTO version_interval
                (model, version, interval_start, count, errors, latency_histogram, reward_count, reward_sum, reward_sum_squares,
                 latency_ms_sum, latency_ms_sum_squares)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (model, version, interval_start) DO UPDATE SET
                count = count + excluded.count,
                errors = errors + excluded.errors,
                latency_histogram = turnout_histogram_merge(latency_histogram, excluded.latency_histogram),
                reward_count = reward_count + excluded.reward_count,
                reward_sum = reward_sum + excluded.reward_sum,
                reward_sum_squares = reward_sum_squares + excluded.reward_sum_squares,
                latency_ms_sum = latency_ms_sum + excluded.latency_ms_sum,
                latency_ms_sum_squares = latency_ms_sum_squares + excluded.latency_ms_sum_squares
            """).execute(arguments: [
                increment.model, increment.version, Int64(increment.intervalStart.timeIntervalSince1970.rounded(.down)),
                counts.count, counts.errors, counts.latency.jsonText,
                counts.rewardCount, counts.rewardSum, counts.rewardSumOfSquares,
                counts.latencySumMillis, counts.latencySumOfSquaresMillis,
            ])
    }

    /// How many distinct units each version of `model` answered since `since`.
    package func unitCounts(model: String, since: Date) async throws -> [String: Int] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT version, COUNT(DISTINCT unit_hash) + SUM(CASE WHEN unit_hash IS NULL THEN 1 ELSE 0 END) AS units
                FROM decision WHERE model = ? AND time >= ? GROUP BY version
                """, arguments: [model, StoreTime.micros(since)])
            return Dictionary(uniqueKeysWithValues: rows.map { (($0["version"] as String), ($0["units"] as Int)) })
        }
    }

    /// The decision stored for a request id.
    package func decision(requestID: String) async throws -> DecisionRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM decision WHERE request_id = ?", arguments: [requestID])
                .map(Self.decisionRecord(from:))
        }
    }

    /// The outcome stored for a request id.
    package func outcome(requestID: String) async throws -> OutcomeRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outcome WHERE request_id = ?", arguments: [requestID]).map { row in
                OutcomeRecord(requestID: row["request_id"], status: row["status"], latencyMicros: row["latency_us"], errorKind: row["error_kind"])
            }
        }
    }

    /// The payload sample stored for a request id.
    package func payloadSample(requestID: String) async throws -> PayloadSample? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM payload_sample WHERE request_id = ?", arguments: [requestID]).map { row in
                PayloadSample(requestID: row["request_id"], request: row["request"], response: row["response"], truncated: row["truncated"])
            }
        }
    }

    static func decisionRecord(from row: Row) -> DecisionRecord {
        DecisionRecord(
            requestID: row["request_id"],
            time: StoreTime.date(micros: row["time"]),
            model: row["model"],
            version: row["version"],
            unitHash: row["unit_hash"],
            reason: row["reason"],
            probability: row["probability"]
        )
    }
}
