import Foundation
import Testing
import TurnoutCore
import TurnoutStore

extension StoreConformance {
    @Suite("stored events")
    struct AuditEvents {
        @Test("a lifecycle transition's event is stored and read back with its phases and reason", arguments: StoreKind.available)
        func lifecycleEventRoundTrip(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { store, _ in
                let started = ReleaseLifecycle.start(model: "m", spec: .single(version: "v1"), previousStable: nil, actor: "test", now: 1_700_000_000)
                let paused = try ReleaseLifecycle.apply(.pause, to: started.state, actor: "admin", now: 1_700_000_060, reason: "looking").get()
                let appended = try await store.appendEvent(paused.event)
                let events = try await store.events(model: "m", limit: 10)
                #expect(events.count == 1)
                // The lifecycle's own event comes back as it was, with the id the store gave it.
                #expect(appended.id != nil)
                #expect(events == [appended])
                var withoutID = appended
                withoutID.id = nil
                #expect(withoutID == paused.event)
            }
        }
    }
}
