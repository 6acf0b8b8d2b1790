import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("aggregates")
    struct Aggregates {
        /// Latencies spread over several buckets, with every fourth request failing.
        static let latencies: [Int64] = [90, 120, 120, 400, 950, 1_000, 1_001, 2_500, 8_000, 60_000, 61_000, 1_200_000]

        @Test("batches written one after another add up per interval, like one batch with everything", arguments: StoreKind.available)
        func batchesMerge(kind: StoreKind) async throws {
            let observations = Self.latencies.enumerated().map { index, latency in
                Sample.observation("r\(index)", status: index % 4 == 3 ? 503 : 200, latencyMicros: latency)
            }
            let inPieces = try await TemporaryStore.with(kind) { store, _ in
                for chunk in stride(from: 0, to: observations.count, by: 5) {
                    try await store.append(ObservationBatch(Array(observations[chunk..<min(chunk + 5, observations.count)])))
                }
                return try await store.intervalAggregates(model: "m", since: .distantPast)
            }
            let atOnce = try await TemporaryStore.with(kind) { store, _ in
                try await store.append(ObservationBatch(observations))
                return try await store.intervalAggregates(model: "m", since: .distantPast)
            }
            #expect(inPieces == atOnce)
            let counts = try #require(inPieces.first?.counts)
            #expect(inPieces.count == 1)
            #expect(counts.count == Int64(Self.latencies.count))
            #expect(counts.errors == Int64(Self.latencies.indices.filter { $0 % 4 == 3 }.count))
            #expect(counts.latency.totalCount == Int64(Self.latencies.count))
            // Each stored latency falls in a bucket whose bounds contain it.
            for latency in Self.latencies {
                let bucket = LatencyHistogram.bucket(micros: latency)
                #expect(counts.latency.buckets[bucket] != nil)
            }
        }

        @Test("requests land in their own interval and window queries include the interval containing `since`", arguments: StoreKind.available)
        func intervalsAndWindows(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind, intervalSeconds: 60) { store, _ in
                let t0 = Date(timeIntervalSince1970: 1_700_000_040) // 1_700_000_040 is a multiple of 60
                try await store.append(ObservationBatch([
                    Sample.observation("a", at: t0),
                    Sample.observation("b", at: t0.addingTimeInterval(59.9)),
                    Sample.observation("c", at: t0.addingTimeInterval(60)),
                    Sample.observation("d", version: "v2", at: t0.addingTimeInterval(125)),
                ]))
                let all = try await store.intervalAggregates(model: "m", since: .distantPast)
                #expect(all.map(\.intervalStart.timeIntervalSince1970) == [1_700_000_040, 1_700_000_100, 1_700_000_160])
                #expect(all.map(\.counts.count) == [2, 1, 1])

                let recent = try await store.aggregates(model: "m", since: t0.addingTimeInterval(61))
                #expect(recent["v1"]?.count == 1)
                #expect(recent["v2"]?.count == 1)
                #expect(try await store.aggregates(model: "other", since: .distantPast).isEmpty)
            }
        }

        @Test("aggregates() sums the intervals of each version", arguments: StoreKind.available)
        func totalsAcrossIntervals(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind, intervalSeconds: 1) { store, _ in
                let observations = (0..<6).map { index in
                    Sample.observation("r\(index)", at: Sample.base.addingTimeInterval(Double(index)), status: index == 2 ? 500 : 200)
                }
                try await store.append(ObservationBatch(observations))
                _ = try await store.recordFeedback([
                    FeedbackItem(requestID: "r0", reward: 1, time: Sample.base),
                    FeedbackItem(requestID: "r5", reward: 3, time: Sample.base),
                ])
                #expect(try await store.intervalAggregates(model: "m", since: .distantPast).count == 6)
                let totals = try #require(try await store.aggregates(model: "m", since: .distantPast)["v1"])
                #expect(totals.count == 6)
                #expect(totals.errors == 1)
                #expect(totals.rewardCount == 2)
                #expect(totals.rewardSum == 4)
                #expect(totals.rewardSumOfSquares == 10)
                #expect(totals.meanReward == 2)
            }
        }
    }
}
