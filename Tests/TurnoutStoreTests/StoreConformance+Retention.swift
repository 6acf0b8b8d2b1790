import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("retention and concurrency")
    struct Retention {
        @Test("pruning deletes old requests with everything attached to them, and old intervals", arguments: StoreKind.available)
        func pruneCascades(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind, intervalSeconds: 60) { store, _ in
                let old = Sample.base
                let new = Sample.base.addingTimeInterval(600)
                try await store.append(ObservationBatch([
                    Sample.observation("old", at: old, payload: true),
                    Sample.observation("new", at: new, payload: true),
                ]))
                _ = try await store.recordFeedback([
                    FeedbackItem(requestID: "old", reward: 1, time: new),
                    FeedbackItem(requestID: "new", reward: 1, time: new),
                ])
                try await store.appendShadowSamples([
                    ShadowSample(requestID: "old", model: "m", version: "v2", time: old, outcome: "answered"),
                    ShadowSample(requestID: "new", model: "m", version: "v2", time: new, outcome: "answered"),
                ])
                let deleted = try await store.prune(decisionsBefore: new, aggregatesBefore: new.addingTimeInterval(-60))
                #expect(deleted == 1)
                #expect(try await store.decision(requestID: "old") == nil)
                #expect(try await store.outcome(requestID: "old") == nil)
                #expect(try await store.feedback(requestID: "old") == nil)
                #expect(try await store.payloadSample(requestID: "old") == nil)
                #expect(try await store.shadowSamples(requestID: "old").isEmpty)
                #expect(try await store.shadowSamples(requestID: "new").count == 1)
                #expect(try await store.decision(requestID: "new") != nil)
                #expect(try await store.feedback(requestID: "new") != nil)
                let intervals = try await store.intervalAggregates(model: "m", since: .distantPast)
                #expect(intervals.count == 1)
                #expect(intervals.first?.counts.count == 1)
            }
        }

        @Test("concurrent batches and feedback from many tasks are all counted", arguments: StoreKind.available)
        func concurrentWriters(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let tasks = 8
                let perTask = 25
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<tasks {
                        group.addTask {
                            let ids = (0..<perTask).map { "t\(task)-\($0)" }
                            try await store.append(ObservationBatch(ids.map { Sample.observation($0, version: task.isMultiple(of: 2) ? "v1" : "v2") }))
                            let results = try await store.recordFeedback(ids.map { FeedbackItem(requestID: $0, reward: 2, time: Sample.base) })
                            #expect(results.allSatisfy { if case .recorded = $0 { true } else { false } })
                        }
                    }
                    try await group.waitForAll()
                }
                let totals = try await store.aggregates(model: "m", since: .distantPast)
                let expectedPerVersion = Int64(tasks / 2 * perTask)
                for version in ["v1", "v2"] {
                    #expect(totals[version]?.count == expectedPerVersion)
                    #expect(totals[version]?.rewardCount == expectedPerVersion)
                    #expect(totals[version]?.rewardSum == Double(expectedPerVersion) * 2)
                }
            }
        }
    }
}
