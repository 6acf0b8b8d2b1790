import Foundation
import Testing
import TurnoutCore
import TurnoutStore

@Suite("Stored events")
struct StoredEventTests {
    @Test("a lifecycle transition's event is stored and read back with its phases and reason")
    func lifecycleEventRoundTrip() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "turnout-events-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appending(path: "turnout.db").path)
        let started = ReleaseLifecycle.start(model: "m", spec: .single(version: "v1"), previousStable: nil, actor: "test", now: 1_700_000_000)
        let paused = try ReleaseLifecycle.apply(.pause, to: started.state, actor: "admin", now: 1_700_000_060, reason: "looking").get()
        _ = try await store.appendEvent(StoredEvent(paused.event))
        let events = try await store.events(model: "m", limit: 10)
        #expect(events.count == 1)
        #expect(events.first?.from == "progressing")
        #expect(events.first?.to == "paused")
        #expect(events.first?.actor == "admin")
        #expect(events.first?.time == Date(timeIntervalSince1970: 1_700_000_060))
        try store.close()
    }
}
