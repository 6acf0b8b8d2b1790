import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("sampled shadow answers")
    struct ShadowSamples {
        @Test("samples are stored per request and version, a second answer replaces the first, and they survive reopening", arguments: StoreKind.available)
        func storeAndReadBack(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, temporary in
                let time = Date(timeIntervalSince1970: 1_700_000_000.5)
                let answered = ShadowSample(
                    requestID: "r1", model: "m", version: "v2", time: time, outcome: "answered", status: 200, latencyMicros: 1_234,
                    response: Data("{\"outputs\":[]}".utf8), truncated: true
                )
                let timedOut = ShadowSample(requestID: "r1", model: "m", version: "v3", time: time, outcome: "timeout", latencyMicros: 5_000_000)
                try await store.appendShadowSamples([answered, timedOut, ShadowSample(requestID: "r2", model: "m", version: "v2", time: time, outcome: "failed")])
                #expect(try await store.shadowSamples(requestID: "r1") == [answered, timedOut])
                var replaced = answered
                replaced.status = 503
                try await store.appendShadowSamples([replaced])
                await store.shutDown()
                let reopened = try await temporary.open()
                #expect(try await reopened.shadowSamples(requestID: "r1") == [replaced, timedOut])
                #expect(try await reopened.shadowSamples(requestID: "nope").isEmpty)
                await reopened.shutDown()
            }
        }

        @Test("the newest samples of a model come first, other models' are left out, and limit bounds the page", arguments: StoreKind.available)
        func recentSamples(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let start = Date(timeIntervalSince1970: 1_700_000_000)
                let samples = (0..<5).map { i in
                    ShadowSample(requestID: "r\(i)", model: "m", version: "v2", time: start.addingTimeInterval(Double(i)), outcome: "answered", status: 200)
                }
                let other = ShadowSample(requestID: "o1", model: "other", version: "v2", time: start.addingTimeInterval(10), outcome: "answered")
                try await store.appendShadowSamples(samples + [other])
                #expect(try await store.recentShadowSamples(model: "m", limit: 3).map(\.requestID) == ["r4", "r3", "r2"])
                #expect(try await store.recentShadowSamples(model: "m", limit: 100).count == 5)
                #expect(try await store.recentShadowSamples(model: "other", limit: 100) == [other])
                #expect(try await store.recentShadowSamples(model: "none", limit: 100).isEmpty)
                #expect(try await store.recentShadowSamples(model: "m", limit: 0).isEmpty)
            }
        }
    }
}
