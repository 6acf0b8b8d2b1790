import Foundation
import TurnoutCore

/// Durable memory of a Turnout gateway: releases, the audit log, decisions, outcomes, feedback,
/// per-version aggregates and sampled payloads.
///
/// Implementations are safe to call from any task. Every write is atomic: a call either commits
/// everything it was given or nothing, and it returns only after the commit.
package protocol Store: Sendable {
    /// Writes a batch of observations (decisions, outcomes, payload samples) and the aggregate
    /// increments they imply in one transaction.
    ///
    /// A decision whose request id is already stored is kept as it was (the first one wins);
    /// the request still counts in the aggregates.
    func append(_ batch: ObservationBatch) async throws

    /// Records rewards for earlier requests and commits them before returning.
    ///
    /// Each reward is joined to its decision, so it counts for the version that answered. A second
    /// reward for the same request replaces the first. Returns one result per item, in order.
    func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult]

    /// Gives every decision of `model` made from `since` until `decidedBefore` that has no reward
    /// the default `reward` (a bandit's rule for rewards that never came); a real reward for
    /// such a decision is then refused as ``FeedbackResult/late(requestID:)``. Returns how many
    /// decisions got the default.
    func applyDefaultRewards(model: String, since: Date, decidedBefore: Date, reward: Double) async throws -> Int

    /// The stored release of `model`, or `nil` when none was saved.
    func release(model: String) async throws -> ReleaseRecord?

    /// Every stored release, ordered by model name: what a restarting gateway resumes from.
    func releases() async throws -> [ReleaseRecord]

    /// Saves a release if its stored revision still equals `expectedRevision`, and appends `event`
    /// to the audit log in the same transaction.
    ///
    /// Use `expectedRevision: 0` for a model that has no stored release yet. Returns the saved
    /// record with its new revision (the previous one plus one).
    /// - Throws: ``StoreError/revisionConflict(model:expected:actual:)`` when the stored revision differs.
    func saveRelease(_ release: ReleaseRecord, expectedRevision: Int64, event: AuditEvent) async throws -> ReleaseRecord

    /// Appends an event to the audit log and returns it with its assigned id.
    func appendEvent(_ event: AuditEvent) async throws -> AuditEvent

    /// The newest `limit` audit events, newest first, of one model or (with `nil`) of all models.
    func events(model: String?, limit: Int) async throws -> [AuditEvent]

    /// Per-version totals of `model` over the intervals from the one containing `since` onwards.
    func aggregates(model: String, since: Date) async throws -> [String: AggregateCounts]

    /// The stored per-interval aggregates of `model` from the interval containing `since`
    /// onwards, ordered by interval start then version.
    func intervalAggregates(model: String, since: Date) async throws -> [IntervalAggregate]

    /// Deletes decisions made before `decisionsBefore` (with their outcomes, feedback and payload
    /// samples) and aggregate intervals that start before `aggregatesBefore`.
    ///
    /// Returns how many decisions were deleted. Aggregates already include the deleted requests.
    @discardableResult
    func prune(decisionsBefore: Date, aggregatesBefore: Date) async throws -> Int

    /// How many distinct units each version of `model` answered since `since`, from the
    /// decision log: requests without a unit key count one each. An A/B test's sample-ratio
    /// check compares these with the configured weights.
    func unitCounts(model: String, since: Date) async throws -> [String: Int]

    /// The decision stored for a request id.
    func decision(requestID: String) async throws -> DecisionRecord?

    /// The outcome stored for a request id.
    func outcome(requestID: String) async throws -> OutcomeRecord?

    /// The feedback stored for a request id.
    func feedback(requestID: String) async throws -> FeedbackItem?

    /// The payload sample stored for a request id.
    func payloadSample(requestID: String) async throws -> PayloadSample?

    /// Each version's requests decided from `since` up to `until` (open-ended when nil), pinned
    /// and preview requests left out: counts, errors, rewards, and the newest `latencyLimit`
    /// latencies of each version from one common stretch of time.
    func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes]

    /// Stores shadows' answers to sampled mirrored requests.
    func appendShadowSamples(_ samples: [ShadowSample]) async throws

    /// The shadows' answers stored for a request, by version.
    func shadowSamples(requestID: String) async throws -> [ShadowSample]

    /// The newest `limit` shadow answers stored for `model`, newest first (ties by request id
    /// and version, so a page is stable).
    func recentShadowSamples(model: String, limit: Int) async throws -> [ShadowSample]

    /// Saves controllers' running state (such as shadow comparisons), replacing what was stored
    /// under the same model and key, all in one transaction.
    func saveModelStates(_ states: [ModelStateRecord]) async throws

    /// Every state stored for a model whose key starts with `prefix`.
    func modelStates(model: String, prefix: String) async throws -> [ModelStateRecord]

    /// Deletes a model's states whose key starts with `prefix`; returns how many there were.
    @discardableResult
    func deleteModelStates(model: String, prefix: String) async throws -> Int
}
