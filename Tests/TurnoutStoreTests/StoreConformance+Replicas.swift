import Foundation
import Testing
import TurnoutCore
import TurnoutStore

extension StoreConformance {
    /// Several stores on one database, as several gateway replicas use it.
    @Suite("stores sharing one database")
    struct Replicas {
        @Test("of releases saved at once against one revision, exactly one wins and the others get conflicts", arguments: StoreKind.available)
        func revisionCheckAcrossStores(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { first, temporary in
                let second = try await temporary.open()
                let created = try await first.saveRelease(
                    ReleaseRecord(model: "m", spec: "{}", phase: "progressing", updatedAt: Sample.base), expectedRevision: 0,
                    event: Self.event("apply"))
                let stores: [any TestStore] = [first, second, first, second, first, second]
                let outcomes = await withTaskGroup(of: Result<ReleaseRecord, any Error>.self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask {
                            var next = created
                            next.step = index + 1
                            do {
                                return .success(try await store.saveRelease(next, expectedRevision: created.revision, event: Self.event("step")))
                            } catch {
                                return .failure(error)
                            }
                        }
                    }
                    var outcomes: [Result<ReleaseRecord, any Error>] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                let saved = outcomes.compactMap { try? $0.get() }
                #expect(saved.count == 1)
                #expect(saved.first?.revision == 2)
                let conflicts = outcomes.compactMap { outcome -> StoreError? in
                    if case .failure(let error) = outcome { return error as? StoreError }
                    return nil
                }
                #expect(conflicts == Array(repeating: .revisionConflict(model: "m", expected: 1, actual: 2), count: stores.count - 1))
                #expect(try await second.release(model: "m") == saved.first)
                // The audit log holds the winner's event only.
                #expect(try await first.events(model: "m", limit: 10).map(\.action) == ["step", "apply"])
                await second.shutDown()
            }
        }

        @Test("batches and rewards written through two stores add up, none overwritten", arguments: StoreKind.available)
        func aggregatesSumAcrossStores(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { first, temporary in
                let second = try await temporary.open()
                let stores: [any TestStore] = [first, second]
                let perTask = 20
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<6 {
                        let store = stores[task % 2]
                        group.addTask {
                            let ids = (0..<perTask).map { "t\(task)-\($0)" }
                            try await store.append(ObservationBatch(ids.map { Sample.observation($0, latencyMicros: 1_000) }))
                            // Rewards go through the other store: the replica that answered is not the one told.
                            let other = stores[(task + 1) % 2]
                            _ = try await other.recordFeedback(ids.map { FeedbackItem(requestID: $0, reward: 1.5, time: Sample.base) })
                        }
                    }
                    try await group.waitForAll()
                }
                // The same rewards again, at once through both stores: replacements, not new rewards.
                async let a = first.recordFeedback((0..<perTask).map { FeedbackItem(requestID: "t0-\($0)", reward: 0.5, time: Sample.base) })
                async let b = second.recordFeedback((0..<perTask).map { FeedbackItem(requestID: "t0-\($0)", reward: 0.5, time: Sample.base) })
                _ = try await (a, b)
                let totals = try await second.aggregates(model: "m", since: .distantPast)
                #expect(totals["v1"]?.count == Int64(6 * perTask))
                #expect(totals["v1"]?.latency.totalCount == Int64(6 * perTask))
                #expect(totals["v1"]?.rewardCount == Int64(6 * perTask))
                #expect(totals["v1"]?.rewardSum == Double(5 * perTask) * 1.5 + Double(perTask) * 0.5)
                await second.shutDown()
            }
        }

        static func event(_ action: String) -> AuditEvent {
            AuditEvent(time: Sample.base.timeIntervalSince1970, model: "m", actor: "test", action: action, from: nil, to: .progressing, reason: "")
        }
    }
}
