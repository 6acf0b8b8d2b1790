import Foundation
import Testing
import TurnoutStore

extension StoreConformance {
    @Suite("controllers' model state")
    struct ModelState {
        @Test(arguments: StoreKind.available) func savesReplacesListsByPrefixAndDeletes(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, temporary in
                let time = Date(timeIntervalSince1970: 1_700_000_000)
                try await store.saveModelStates([
                    ModelStateRecord(model: "m", key: "shadow/1/v1/v2", value: #"{"pairs":1}"#, updatedAt: time),
                    ModelStateRecord(model: "m", key: "shadow/1/v1/v3", value: #"{"pairs":2}"#, updatedAt: time),
                    ModelStateRecord(model: "m", key: "canary", value: "{}", updatedAt: time),
                    ModelStateRecord(model: "other", key: "shadow/1/v1/v2", value: "{}", updatedAt: time),
                ])
                try await store.saveModelStates([ModelStateRecord(model: "m", key: "shadow/1/v1/v2", value: #"{"pairs":5}"#, updatedAt: time)])
                let shadows = try await store.modelStates(model: "m", prefix: "shadow/")
                #expect(shadows.map(\.key) == ["shadow/1/v1/v2", "shadow/1/v1/v3"])
                #expect(shadows.first?.value == #"{"pairs":5}"#)
                #expect(shadows.first?.updatedAt == time)
                await store.shutDown()
                // Survives reopening the file.
                let reopened = try await temporary.open()
                #expect(try await reopened.modelStates(model: "m", prefix: "").count == 3)
                #expect(try await reopened.deleteModelStates(model: "m", prefix: "shadow/") == 2)
                #expect(try await reopened.modelStates(model: "m", prefix: "").map(\.key) == ["canary"])
                #expect(try await reopened.modelStates(model: "other", prefix: "shadow/").count == 1)
                await reopened.shutDown()
            }
        }
    }
}
