import Foundation
import Testing
import TurnoutCore
import TurnoutStore

extension StoreConformance {
    @Suite("releases and audit log")
    struct Releases {
        static func release(_ model: String, phase: String, step: Int = 0) -> ReleaseRecord {
            ReleaseRecord(
                model: model,
                spec: #"{"strategy":"canary","steps":[10,50]}"#,
                phase: phase,
                step: step,
                controllerState: #"{"window":[1,2,3]}"#,
                updatedAt: Sample.base
            )
        }

        static func event(_ model: String, action: String, from: ReleasePhase? = nil, to: ReleasePhase = .progressing) -> AuditEvent {
            AuditEvent(time: Sample.base.timeIntervalSince1970, model: model, actor: "admin", action: action, from: from, to: to, reason: "test")
        }

        @Test("saving bumps the revision and reads back every field", arguments: StoreKind.available)
        func saveAndRead(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let created = try await store.saveRelease(
                    Self.release("m", phase: "progressing"), expectedRevision: 0, event: Self.event("m", action: "apply", to: .progressing))
                #expect(created.revision == 1)
                #expect(try await store.release(model: "m") == created)

                var next = created
                next.phase = "paused"
                next.step = 1
                next.updatedAt = Sample.base.addingTimeInterval(5)
                let updated = try await store.saveRelease(next, expectedRevision: 1, event: Self.event("m", action: "pause"))
                #expect(updated.revision == 2)
                #expect(try await store.release(model: "m") == updated)
                #expect(try await store.release(model: "other") == nil)
            }
        }

        @Test("a stale revision is refused with a conflict and changes nothing, not even the log", arguments: StoreKind.available)
        func staleRevisionConflicts(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let saved = try await store.saveRelease(Self.release("m", phase: "progressing"), expectedRevision: 0, event: Self.event("m", action: "apply"))
                await #expect(throws: StoreError.revisionConflict(model: "m", expected: 0, actual: 1)) {
                    try await store.saveRelease(Self.release("m", phase: "aborted"), expectedRevision: 0, event: Self.event("m", action: "abort"))
                }
                await #expect(throws: StoreError.revisionConflict(model: "n", expected: 3, actual: 0)) {
                    try await store.saveRelease(Self.release("n", phase: "aborted"), expectedRevision: 3, event: Self.event("n", action: "abort"))
                }
                #expect(try await store.release(model: "m") == saved)
                #expect(try await store.release(model: "n") == nil)
                #expect(try await store.events(model: nil, limit: 10).map(\.action) == ["apply"])
            }
        }

        @Test("releases() lists every model in name order", arguments: StoreKind.available)
        func listsReleases(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                for model in ["zeta", "alpha", "mid"] {
                    _ = try await store.saveRelease(Self.release(model, phase: "progressing"), expectedRevision: 0, event: Self.event(model, action: "apply"))
                }
                #expect(try await store.releases().map(\.model) == ["alpha", "mid", "zeta"])
            }
        }

        @Test("events come newest first, filtered by model and cut to the limit", arguments: StoreKind.available)
        func eventsNewestFirst(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let first = try await store.appendEvent(Self.event("m", action: "one", from: .progressing, to: .paused))
                _ = try await store.appendEvent(Self.event("other", action: "two"))
                _ = try await store.appendEvent(Self.event("m", action: "three"))
                #expect(first.id != nil)
                #expect(try await store.events(model: "m", limit: 10).map(\.action) == ["three", "one"])
                #expect(try await store.events(model: nil, limit: 2).map(\.action) == ["three", "two"])
                #expect(try await store.events(model: "m", limit: 10).last == first)
                #expect(try await store.events(model: nil, limit: 0).isEmpty)
            }
        }
    }
}
