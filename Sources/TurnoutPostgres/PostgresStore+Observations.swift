import Foundation
import Logging
import PostgresNIO
import TurnoutStore

extension PostgresStore {
    /// Writes decisions, outcomes, payload samples and aggregate increments in one transaction.
    ///
    /// Each table gets one multi-row insert per batch (unnest over arrays), so a batch costs a
    /// handful of round trips whatever its size.
    package func append(_ batch: ObservationBatch) async throws {
        guard !batch.isEmpty else { return }
        try batch.validate()
        let increments = batch.aggregateIncrements(intervalSeconds: options.aggregateIntervalSeconds)
        let observations = batch.observations
        try await transaction(within: Self.writeLimit) { [logger] connection in
            let decisions = observations.map(\.decision)
            // Arrays cannot carry NULLs here, so optional columns travel as a value and a flag.
            try await connection.query("""
                INSERT INTO decision (request_id, time, model, version, unit_hash, reason, probability)
                SELECT id, time, model, version, CASE WHEN has_unit THEN unit_hash END, reason, probability FROM unnest(
                    \(decisions.map(\.requestID))::TEXT[], \(decisions.map { StoreTime.micros($0.time) })::BIGINT[],
                    \(decisions.map(\.model))::TEXT[], \(decisions.map(\.version))::TEXT[],
                    \(decisions.map { $0.unitHash ?? 0 })::BIGINT[], \(decisions.map { $0.unitHash != nil })::BOOLEAN[],
                    \(decisions.map(\.reason))::TEXT[], \(decisions.map(\.probability))::DOUBLE PRECISION[]
                ) AS d (id, time, model, version, unit_hash, has_unit, reason, probability)
                ON CONFLICT (request_id) DO NOTHING
                """, logger: logger)
            let outcomes = observations.map(\.outcome)
            try await connection.query("""
                INSERT INTO outcome (request_id, status, latency_us, error_kind)
                SELECT id, status, latency, CASE WHEN has_error THEN error_kind END FROM unnest(
                    \(outcomes.map(\.requestID))::TEXT[], \(outcomes.map { Int64($0.status) })::BIGINT[],
                    \(outcomes.map(\.latencyMicros))::BIGINT[], \(outcomes.map { $0.errorKind ?? "" })::TEXT[],
                    \(outcomes.map { $0.errorKind != nil })::BOOLEAN[]
                ) AS o (id, status, latency, error_kind, has_error)
                ON CONFLICT (request_id) DO NOTHING
                """, logger: logger)
            for payload in observations.compactMap(\.payload) {
                try await connection.query("""
                    INSERT INTO payload_sample (request_id, request, response, truncated)
                    VALUES (\(payload.requestID), \(payload.request), \(payload.response), \(payload.truncated))
                    ON CONFLICT (request_id) DO NOTHING
                    """, logger: logger)
            }
            for increment in increments {
                try await Self.addAggregate(increment, on: connection, logger: logger)
            }
        }
    }

    /// Adds `increment` to its interval's row in place, creating the row when it is the
    /// interval's first: concurrent replicas' increments add up rather than overwrite.
    static func addAggregate(_ increment: IntervalAggregate, on connection: PostgresConnection, logger: Logger) async throws {
        let counts = increment.counts
        let start = Int64(increment.intervalStart.timeIntervalSince1970.rounded(.down))
        try await connection.query("""
            INSERT INTO version_interval AS v
                (model, version, interval_start, count, errors, latency_histogram, reward_count, reward_sum, reward_sum_squares,
                 latency_ms_sum, latency_ms_sum_squares)
            VALUES (\(increment.model), \(increment.version), \(start), \(counts.count), \(counts.errors), \(counts.latency.jsonText)::JSONB,
                \(counts.rewardCount), \(counts.rewardSum), \(counts.rewardSumOfSquares), \(counts.latencySumMillis), \(counts.latencySumOfSquaresMillis))
            ON CONFLICT (model, version, interval_start) DO UPDATE SET
                count = v.count + excluded.count,
                errors = v.errors + excluded.errors,
                latency_histogram = turnout_histogram_merge(v.latency_histogram, excluded.latency_histogram),
                reward_count = v.reward_count + excluded.reward_count,
                reward_sum = v.reward_sum + excluded.reward_sum,
                reward_sum_squares = v.reward_sum_squares + excluded.reward_sum_squares,
                latency_ms_sum = v.latency_ms_sum + excluded.latency_ms_sum,
                latency_ms_sum_squares = v.latency_ms_sum_squares + excluded.latency_ms_sum_squares
            """, logger: logger)
    }

    /// How many distinct units each version of `model` answered since `since`.
    package func unitCounts(model: String, since: Date) async throws -> [String: Int] {
        let rows = try await client.query("""
            SELECT version, COUNT(DISTINCT unit_hash) + COUNT(*) FILTER (WHERE unit_hash IS NULL)
            FROM decision WHERE model = \(model) AND time >= \(StoreTime.micros(since)) GROUP BY version
            """, logger: logger)
        var counts: [String: Int] = [:]
        for try await (version, units) in rows.decode((String, Int).self) { counts[version] = units }
        return counts
    }

    /// The decision stored for a request id.
    package func decision(requestID: String) async throws -> DecisionRecord? {
        let rows = try await client.query("""
            SELECT request_id, time, model, version, unit_hash, reason, probability FROM decision WHERE request_id = \(requestID)
            """, logger: logger)
        // Every row is read, even the one expected: a row sequence left unfinished keeps its pooled connection.
        var record: DecisionRecord?
        for try await (id, time, model, version, unitHash, reason, probability) in rows.decode(
            (String, Int64, String, String, Int64?, String, Double).self
        ) {
            record = DecisionRecord(
                requestID: id, time: StoreTime.date(micros: time), model: model, version: version, unitHash: unitHash, reason: reason,
                probability: probability)
        }
        return record
    }

    /// The outcome stored for a request id.
    package func outcome(requestID: String) async throws -> OutcomeRecord? {
        let rows = try await client.query(
            "SELECT request_id, status, latency_us, error_kind FROM outcome WHERE request_id = \(requestID)", logger: logger)
        var record: OutcomeRecord?
        for try await (id, status, latency, errorKind) in rows.decode((String, Int, Int64, String?).self) {
            record = OutcomeRecord(requestID: id, status: status, latencyMicros: latency, errorKind: errorKind)
        }
        return record
    }

    /// The payload sample stored for a request id.
    package func payloadSample(requestID: String) async throws -> PayloadSample? {
        let rows = try await client.query(
            "SELECT request_id, request, response, truncated FROM payload_sample WHERE request_id = \(requestID)", logger: logger)
        var sample: PayloadSample?
        for try await (id, request, response, truncated) in rows.decode((String, Data, Data, Bool).self) {
            sample = PayloadSample(requestID: id, request: request, response: response, truncated: truncated)
        }
        return sample
    }
}
