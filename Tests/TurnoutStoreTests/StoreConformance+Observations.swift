import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("observations")
    struct Observations {
        @Test("decisions, outcomes and payload samples read back as written", arguments: StoreKind.available)
        func roundTrip(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let sampled = Sample.observation("r1", status: 502, latencyMicros: 12_345, errorKind: "connect", payload: true)
                let plain = Sample.observation("r2", version: "v2", probability: 0.1)
                var unkeyed = Sample.observation("r3")
                unkeyed.decision.unitHash = nil
                try await store.append(ObservationBatch([sampled, plain, unkeyed]))

                #expect(try await store.decision(requestID: "r1") == sampled.decision)
                #expect(try await store.outcome(requestID: "r1") == sampled.outcome)
                #expect(try await store.payloadSample(requestID: "r1") == sampled.payload)
                #expect(try await store.decision(requestID: "r2") == plain.decision)
                #expect(try await store.outcome(requestID: "r2") == plain.outcome)
                #expect(try await store.payloadSample(requestID: "r2") == nil)
                #expect(try await store.decision(requestID: "r3")?.unitHash == nil)
                #expect(try await store.decision(requestID: "missing") == nil)
            }
        }

        @Test("a batch with one bad row writes nothing at all", arguments: StoreKind.available)
        func batchIsAtomic(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let good = Sample.observation("good", payload: true)
                // A probability above 1 passes Swift but breaks the table's CHECK, in the middle of the transaction.
                let bad = Sample.observation("bad", probability: 1.5)
                await #expect(throws: (any Error).self) {
                    try await store.append(ObservationBatch([good, bad]))
                }
                #expect(try await store.decision(requestID: "good") == nil)
                #expect(try await store.outcome(requestID: "good") == nil)
                #expect(try await store.payloadSample(requestID: "good") == nil)
                #expect(try await store.aggregates(model: "m", since: .distantPast).isEmpty)

                try await store.append(ObservationBatch([good]))
                #expect(try await store.decision(requestID: "good") == good.decision)
            }
        }

        @Test("an outcome naming another request is refused before writing", arguments: StoreKind.available)
        func mismatchedOutcomeIsRefused(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ async throws in
                var observation = Sample.observation("a")
                observation.outcome.requestID = "b"
                await #expect(throws: StoreError.self) {
                    try await store.append(ObservationBatch([Sample.observation("ok"), observation]))
                }
                #expect(try await store.decision(requestID: "ok") == nil)
            }
        }

        @Test("a repeated request id keeps its first decision but still counts as a request", arguments: StoreKind.available)
        func duplicateRequestKeepsFirstDecision(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let first = Sample.observation("dup", version: "v1")
                let second = Sample.observation("dup", version: "v2", status: 500)
                try await store.append(ObservationBatch([first]))
                try await store.append(ObservationBatch([second]))
                #expect(try await store.decision(requestID: "dup") == first.decision)
                #expect(try await store.outcome(requestID: "dup") == first.outcome)
                let totals = try await store.aggregates(model: "m", since: .distantPast)
                #expect(totals["v1"]?.count == 1)
                #expect(totals["v2"]?.count == 1)
                #expect(totals["v2"]?.errors == 1)
            }
        }

        @Test("an empty batch is a no-op", arguments: StoreKind.available)
        func emptyBatch(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                try await store.append(ObservationBatch())
                #expect(try await store.intervalAggregates(model: "m", since: .distantPast).isEmpty)
            }
        }
    }
}
