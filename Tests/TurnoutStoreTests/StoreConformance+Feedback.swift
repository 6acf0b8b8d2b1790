import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("feedback")
    struct Feedback {
        @Test("a reward counts for the version that answered; unknown ids and non-finite rewards are refused per item", arguments: StoreKind.available)
        func feedbackJoinsDecision(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                try await store.append(ObservationBatch([
                    Sample.observation("a", version: "v1"),
                    Sample.observation("b", version: "v2"),
                    Sample.observation("c", version: "v2"),
                ]))
                let when = Sample.base.addingTimeInterval(30)
                let results = try await store.recordFeedback([
                    FeedbackItem(requestID: "a", reward: 1, time: when),
                    FeedbackItem(requestID: "nope", reward: 1, time: when),
                    FeedbackItem(requestID: "b", reward: 0.25, time: when),
                    FeedbackItem(requestID: "c", reward: .nan, time: when),
                    FeedbackItem(requestID: "c", reward: -2, time: when),
                ])
                #expect(results == [
                    .recorded(model: "m", version: "v1"),
                    .notFound(requestID: "nope"),
                    .recorded(model: "m", version: "v2"),
                    .invalidReward(requestID: "c"),
                    .recorded(model: "m", version: "v2"),
                ])
                #expect(try await store.feedback(requestID: "b") == FeedbackItem(requestID: "b", reward: 0.25, time: when))
                #expect(try await store.feedback(requestID: "nope") == nil)

                let totals = try await store.aggregates(model: "m", since: .distantPast)
                #expect(totals["v1"]?.rewardCount == 1)
                #expect(totals["v1"]?.rewardSum == 1)
                #expect(totals["v2"]?.rewardCount == 2)
                #expect(totals["v2"]?.rewardSum == 0.25 + -2)
                #expect(totals["v2"]?.rewardSumOfSquares == 0.0625 + 4)
                #expect(totals["v2"]?.count == 2)
            }
        }

        @Test("a second reward for a request replaces the first in the sums", arguments: StoreKind.available)
        func replacedRewardMovesSums(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                try await store.append(ObservationBatch([Sample.observation("a")]))
                _ = try await store.recordFeedback([FeedbackItem(requestID: "a", reward: 3, time: Sample.base)])
                _ = try await store.recordFeedback([FeedbackItem(requestID: "a", reward: 0.5, time: Sample.base)])
                let totals = try #require(try await store.aggregates(model: "m", since: .distantPast)["v1"])
                #expect(totals.rewardCount == 1)
                #expect(totals.rewardSum == 0.5)
                #expect(totals.rewardSumOfSquares == 0.25)
                #expect(try await store.feedback(requestID: "a")?.reward == 0.5)
            }
        }

        @Test("a reward lands in the interval of its decision, not of its arrival", arguments: StoreKind.available)
        func rewardUsesDecisionInterval(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind, intervalSeconds: 60) { store, _ in
                try await store.append(ObservationBatch([Sample.observation("a")]))
                let muchLater = Sample.base.addingTimeInterval(3_600)
                _ = try await store.recordFeedback([FeedbackItem(requestID: "a", reward: 1, time: muchLater)])
                let intervals = try await store.intervalAggregates(model: "m", since: .distantPast)
                #expect(intervals.count == 1)
                #expect(intervals.first?.counts.count == 1)
                #expect(intervals.first?.counts.rewardCount == 1)
            }
        }

        @Test("feedback is committed when the call returns: a new connection sees it", arguments: StoreKind.available)
        func feedbackIsDurableOnReturn(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { writer, temporary in
                try await writer.append(ObservationBatch([Sample.observation("a")]))
                _ = try await writer.recordFeedback([FeedbackItem(requestID: "a", reward: 0.75, time: Sample.base)])
                let reader = try await temporary.open()
                #expect(try await reader.feedback(requestID: "a")?.reward == 0.75)
                await reader.shutDown()
            }
        }
    }
}
