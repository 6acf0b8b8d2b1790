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
    }
}
