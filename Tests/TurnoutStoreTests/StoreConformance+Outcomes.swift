import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("per-version outcomes from the decision log")
    struct Outcomes {
        @Test("counts, errors, rewards and the newest latencies of each version within [since, until)", arguments: StoreKind.available)
        func outcomesInARange(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let t = Sample.base
                try await store.append(ObservationBatch([
                    Sample.observation("early", version: "v1", at: t.addingTimeInterval(-10), latencyMicros: 9),
                    Sample.observation("a", version: "v1", at: t, latencyMicros: 100),
                    Sample.observation("b", version: "v1", at: t.addingTimeInterval(1), status: 503, latencyMicros: 200),
                    Sample.observation("c", version: "v1", at: t.addingTimeInterval(2), latencyMicros: 300),
                    Sample.observation("d", version: "v2", at: t.addingTimeInterval(1), status: 200, latencyMicros: 50, errorKind: "read_timeout"),
                    Sample.observation("e", version: "v2", at: t.addingTimeInterval(3), latencyMicros: 70),
                    Sample.observation("late", version: "v2", at: t.addingTimeInterval(20), latencyMicros: 1),
                    Sample.observation("other", model: "n", version: "v1", at: t, latencyMicros: 5),
                ]))
                _ = try await store.recordFeedback([
                    FeedbackItem(requestID: "a", reward: 1, time: t), FeedbackItem(requestID: "c", reward: 0.5, time: t),
                    FeedbackItem(requestID: "e", reward: 2, time: t),
                ])
                let outcomes = try await store.versionOutcomes(model: "m", since: t, until: t.addingTimeInterval(10), latencyLimit: 2)
                // v2 has the fewest requests and no more than the limit: the stretch is the whole range,
                // and v1's three are thinned evenly to every second one, newest first.
                #expect(outcomes["v1"] == VersionOutcomes(requests: 3, errors: 1, latenciesMicros: [300, 100], rewardCount: 2, rewardSum: 1.5, rewardSumSquares: 1.25))
                #expect(outcomes["v2"] == VersionOutcomes(requests: 2, errors: 1, latenciesMicros: [70, 50], rewardCount: 1, rewardSum: 2, rewardSumSquares: 4))
                // With one latency each, the stretch starts at v2's newest (t+3), where v1 has none.
                let one = try await store.versionOutcomes(model: "m", since: t, until: t.addingTimeInterval(10), latencyLimit: 1)
                #expect(one["v1"]?.latenciesMicros == [] && one["v2"]?.latenciesMicros == [70])
                let open = try await store.versionOutcomes(model: "m", since: t, until: nil, latencyLimit: 10)
                #expect(open["v2"]?.requests == 3 && open["v2"]?.latenciesMicros == [1, 70, 50])
                #expect(try await store.versionOutcomes(model: "m", since: t.addingTimeInterval(100), until: nil, latencyLimit: 10).isEmpty)
            }
        }
    }
}
