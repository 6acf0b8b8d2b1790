import Foundation
import Testing
import TurnoutCore
import TurnoutStore

@Suite("Stored events")
struct AuditEventStoreTests {
    @Test("a lifecycle transition's event is stored and read back with its phases and reason")
    func lifecycleEventRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "turnout-events-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appending(path: "turnout.db").path)
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
        try store.close()
    }
}
