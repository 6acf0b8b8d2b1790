import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import TurnoutCore
import TurnoutStore

@testable import TurnoutGateway

/// The queue between the data plane and the store, driven directly against a real SQLite file.
@Suite("Store writer")
struct StoreWriterTests {
    static func temporaryStore() throws -> (SQLiteStore, URL) {
        let directory = try TemporaryDirectory.make("writer")
        return (try SQLiteStore(path: directory.appending(path: "turnout.db").path), directory)
    }

    static func observation(_ id: String, version: String = "v1", payloadBytes: Int? = nil) -> Observation {
        Observation(
            decision: DecisionRecord(requestID: id, time: Date(), model: "m", version: version, reason: "random", probability: 0.5),
            outcome: OutcomeRecord(requestID: id, status: 200, latencyMicros: 250),
            payload: payloadBytes.map { PayloadSample(requestID: id, request: Data(repeating: 1, count: $0), response: Data()) }
        )
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "writer-test")
        logger.logLevel = .critical
        return logger
    }

    @Test("a full queue sheds admission first, drops payloads before decisions, and counts every loss")
    func limits() async throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let metrics = GatewayMetrics()
        let writer = StoreWriter(
            store: store, metrics: metrics.makeStoreMetrics(), logger: Self.quietLogger,
            limits: .init(admissionLimit: 3, hardLimit: 5, payloadBytes: 100, batchSize: 2)
        )
        #expect(writer.enqueue(Self.observation("a", payloadBytes: 80)))
        #expect(writer.enqueue(Self.observation("b", payloadBytes: 80)))
        #expect(!writer.isSaturated)
        #expect(writer.enqueue(Self.observation("c")))
        #expect(writer.isSaturated)
        #expect(writer.enqueue(Self.observation("d")))
        #expect(writer.enqueue(Self.observation("e")))
        #expect(!writer.enqueue(Self.observation("f")))
        let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains(#"turnout_store_dropped_total{kind="payload"} 1"#))
        #expect(exposition.contains(#"turnout_store_dropped_total{kind="decision"} 1"#))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            await writer.flush()
            #expect(!writer.isSaturated)
            writer.stop()
            try await group.waitForAll()
        }
        for id in ["a", "b", "c", "d", "e"] { #expect(try await store.decision(requestID: id) != nil) }
        #expect(try await store.decision(requestID: "f") == nil)
        #expect(try await store.payloadSample(requestID: "a")?.request.count == 80)
        #expect(try await store.payloadSample(requestID: "b") == nil)
        #expect(try await store.aggregates(model: "m", since: Date(timeIntervalSinceNow: -60))["v1"]?.count == 5)
    }

    @Test("feedback queued right after its decision finds it, many feedback calls share commits")
    func feedbackAfterDecision() async throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = StoreWriter(store: store, metrics: GatewayMetrics().makeStoreMetrics(), logger: Self.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            let results = try await withThrowingTaskGroup(of: [FeedbackResult].self) { calls in
                for index in 0..<200 {
                    writer.enqueue(Self.observation("r\(index)", version: index.isMultiple(of: 2) ? "v1" : "v2"))
                    calls.addTask {
                        try await writer.recordFeedback([FeedbackItem(requestID: "r\(index)", reward: Double(index), time: Date())])
                    }
                }
                var all: [FeedbackResult] = []
                for try await result in calls { all += result }
                return all
            }
            #expect(results.count == 200)
            #expect(results.allSatisfy { if case .recorded = $0 { true } else { false } })
            writer.stop()
            try await group.waitForAll()
        }
        let totals = try await store.aggregates(model: "m", since: Date(timeIntervalSinceNow: -60))
        #expect(totals["v1"]?.rewardCount == 100)
        #expect(totals["v1"]?.rewardSum == Double((0..<200).filter { $0.isMultiple(of: 2) }.reduce(0, +)))
        #expect(totals["v2"]?.rewardSum == Double((0..<200).filter { !$0.isMultiple(of: 2) }.reduce(0, +)))
    }

    @Test("while the store fails, feedback is refused (never acknowledged) and observations wait and are written once it recovers")
    func storeFailure() async throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let faulty = FaultyStore(store)
        faulty.failing = true
        let writer = StoreWriter(store: faulty, metrics: GatewayMetrics().makeStoreMetrics(), logger: Self.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            writer.enqueue(Self.observation("kept"))
            await #expect(throws: StoreWriterError.self) {
                try await writer.recordFeedback([FeedbackItem(requestID: "kept", reward: 1, time: Date())])
            }
            await writer.flush(waitingAtMost: .milliseconds(200))
            #expect(try await store.decision(requestID: "kept") == nil)
            faulty.failing = false
            await writer.flush()
            let results = try await writer.recordFeedback([FeedbackItem(requestID: "kept", reward: 1, time: Date())])
            #expect(results == [.recorded(model: "m", version: "v1")])
            writer.stop()
            try await group.waitForAll()
        }
        #expect(try await store.decision(requestID: "kept") != nil)
        #expect(try await store.feedback(requestID: "kept")?.reward == 1)
    }

    @Test("while the store fails nothing is shed: decisions wait up to the hard limit, the rest are dropped and counted")
    func failingStoreDropsBeyondTheBound() async throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let faulty = FaultyStore(store)
        faulty.failing = true
        let metrics = GatewayMetrics()
        let writer = StoreWriter(
            store: faulty, metrics: metrics.makeStoreMetrics(), logger: Self.quietLogger,
            limits: .init(admissionLimit: 3, hardLimit: 5, batchSize: 2, linger: .zero)
        )
        #expect(writer.isStoreAvailable)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            writer.enqueue(Self.observation("o0"))
            // Generous: the suite's first seconds keep the cooperative pool busy (9 s seen), and
            // the writer's task may start only after them.
            try await ReloadTests.eventually(timeout: .seconds(90)) { !writer.isStoreAvailable }
            var accepted = ["o0"]
            for index in 1..<10 where writer.enqueue(Self.observation("o\(index)")) { accepted.append("o\(index)") }
            // Past the admission limit, and still admitting: the data plane keeps answering.
            #expect(!writer.isSaturated)
            #expect(accepted.count == 5)
            let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
            #expect(exposition.contains(#"turnout_store_dropped_total{kind="decision"} 5"#), "\(exposition)")
            #expect(exposition.contains("turnout_store_available 0"), "\(exposition)")

            faulty.failing = false
            await writer.flush()
            #expect(writer.isStoreAvailable)
            #expect(String(decoding: metrics.exposition(), as: UTF8.self).contains("turnout_store_available 1"))
            for id in accepted { #expect(try await store.decision(requestID: id) != nil, "\(id) was kept and must be written") }
            writer.stop()
            try await group.waitForAll()
        }
    }

    @Test("a write that does not finish marks the store failing: feedback is refused at once, the write is kept and finishes")
    func stalledWrite() async throws {
        let (store, directory) = try Self.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let faulty = FaultyStore(store)
        faulty.stalling = true
        let writer = StoreWriter(
            store: faulty, metrics: GatewayMetrics().makeStoreMetrics(), logger: Self.quietLogger,
            limits: .init(linger: .zero, stallTimeout: .milliseconds(200))
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            writer.enqueue(Self.observation("slow"))
            // Generous: the suite's first seconds keep the cooperative pool busy (9 s seen), and
            // the writer's task may start only after them.
            try await ReloadTests.eventually(timeout: .seconds(90)) { !writer.isStoreAvailable }
            await #expect(throws: StoreWriterError.self) {
                try await writer.recordFeedback([FeedbackItem(requestID: "slow", reward: 1, time: Date())])
            }
            faulty.stalling = false
            await writer.flush()
            #expect(writer.isStoreAvailable)
            #expect(try await writer.recordFeedback([FeedbackItem(requestID: "slow", reward: 1, time: Date())]) == [.recorded(model: "m", version: "v1")])
            writer.stop()
            try await group.waitForAll()
        }
        #expect(try await store.aggregates(model: "m", since: Date(timeIntervalSinceNow: -60))["v1"]?.count == 1)
    }
}

/// A real store whose writes can be made to fail, to see what the writer does meanwhile.
final class FaultyStore: Store {
    private let base: SQLiteStore
    private let failure = NIOLockedValueBox(false)
    private let stall = NIOLockedValueBox(false)

    init(_ base: SQLiteStore) {
        self.base = base
    }

    var failing: Bool {
        get { failure.withLockedValue { $0 } }
        set { failure.withLockedValue { $0 = newValue } }
    }

    /// While set, writes of observations wait (as on a database whose pool cannot connect).
    var stalling: Bool {
        get { stall.withLockedValue { $0 } }
        set { stall.withLockedValue { $0 = newValue } }
    }

    private func check() throws {
        if failing { throw CocoaError(.fileWriteOutOfSpace) }
    }

    func append(_ batch: ObservationBatch) async throws {
        while stalling { try await Task.sleep(for: .milliseconds(10)) }
        try check()
        try await base.append(batch)
    }

    func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult] {
        try check()
        return try await base.recordFeedback(items)
    }

    func applyDefaultRewards(model: String, since: Date, decidedBefore: Date, reward: Double) async throws -> Int {
        try await base.applyDefaultRewards(model: model, since: since, decidedBefore: decidedBefore, reward: reward)
    }
    func release(model: String) async throws -> ReleaseRecord? { try await base.release(model: model) }
    func releases() async throws -> [ReleaseRecord] { try await base.releases() }
    func saveRelease(_ release: ReleaseRecord, expectedRevision: Int64, event: AuditEvent) async throws -> ReleaseRecord {
        try check()
        return try await base.saveRelease(release, expectedRevision: expectedRevision, event: event)
    }
    func appendEvent(_ event: AuditEvent) async throws -> AuditEvent { try await base.appendEvent(event) }
    func events(model: String?, limit: Int) async throws -> [AuditEvent] { try await base.events(model: model, limit: limit) }
    func aggregates(model: String, since: Date) async throws -> [String: AggregateCounts] { try await base.aggregates(model: model, since: since) }
    func intervalAggregates(model: String, since: Date) async throws -> [IntervalAggregate] { try await base.intervalAggregates(model: model, since: since) }
    func prune(decisionsBefore: Date, aggregatesBefore: Date) async throws -> Int { try await base.prune(decisionsBefore: decisionsBefore, aggregatesBefore: aggregatesBefore) }
    func unitCounts(model: String, since: Date) async throws -> [String: Int] { try await base.unitCounts(model: model, since: since) }
    func decision(requestID: String) async throws -> DecisionRecord? { try await base.decision(requestID: requestID) }
    func outcome(requestID: String) async throws -> OutcomeRecord? { try await base.outcome(requestID: requestID) }
    func feedback(requestID: String) async throws -> FeedbackItem? { try await base.feedback(requestID: requestID) }
    func payloadSample(requestID: String) async throws -> PayloadSample? { try await base.payloadSample(requestID: requestID) }
    func saveModelStates(_ states: [ModelStateRecord]) async throws { try await base.saveModelStates(states) }
    func appendShadowSamples(_ samples: [ShadowSample]) async throws { try await base.appendShadowSamples(samples) }
    func shadowSamples(requestID: String) async throws -> [ShadowSample] { try await base.shadowSamples(requestID: requestID) }
    func recentShadowSamples(model: String, limit: Int) async throws -> [ShadowSample] { try await base.recentShadowSamples(model: model, limit: limit) }
    func versionOutcomes(model: String, since: Date, until: Date?, latencyLimit: Int) async throws -> [String: VersionOutcomes] {
        try await base.versionOutcomes(model: model, since: since, until: until, latencyLimit: latencyLimit)
    }
    func modelStates(model: String, prefix: String) async throws -> [ModelStateRecord] { try await base.modelStates(model: model, prefix: prefix) }
    func deleteModelStates(model: String, prefix: String) async throws -> Int { try await base.deleteModelStates(model: model, prefix: prefix) }
}
