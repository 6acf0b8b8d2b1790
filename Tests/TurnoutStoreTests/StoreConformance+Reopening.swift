import Foundation
import Testing
import TurnoutCore
import TurnoutStore

extension StoreConformance {
    @Suite("reopening")
    struct Reopening {
        @Test("every migration runs once; reopening applies none again and keeps the data", arguments: StoreKind.available)
        func dataSurvivesReopen(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { first, temporary in
                let migrations = try await first.appliedMigrations()
                // PostgreSQL adds its replicas table, which SQLite (one process) has no use for.
                #expect(migrations == ["v1-releases", "v2-observations", "v3-aggregates", "v4-latency-sums", "v5-default-rewards", "v6-model-state", "v7-shadow-samples"]
                    + (kind == .postgres ? ["v8-replicas"] : []))
                try await first.append(ObservationBatch([Sample.observation("a", payload: true), Sample.observation("b", version: "v2")]))
                _ = try await first.recordFeedback([FeedbackItem(requestID: "a", reward: 1, time: Sample.base)])
                let release = try await first.saveRelease(
                    ReleaseRecord(model: "m", spec: "{}", phase: "paused", step: 2, controllerState: #"{"n":4}"#, updatedAt: Sample.base),
                    expectedRevision: 0,
                    event: AuditEvent(time: Sample.base.timeIntervalSince1970, model: "m", actor: "controller", action: "pause", from: .progressing, to: .paused, reason: "")
                )
                let totalsBefore = try await first.aggregates(model: "m", since: .distantPast)
                if kind == .sqlite {
                    // WAL mode: commits go to the write-ahead log beside the database file.
                    #expect(FileManager.default.fileExists(atPath: temporary.path + "-wal"))
                }
                await first.shutDown()

                let second = try await temporary.open()
                #expect(try await second.appliedMigrations() == migrations)
                #expect(try await second.releases() == [release])
                #expect(try await second.events(model: "m", limit: 5).map(\.action) == ["pause"])
                #expect(try await second.decision(requestID: "a") != nil)
                #expect(try await second.payloadSample(requestID: "a")?.truncated == true)
                #expect(try await second.feedback(requestID: "a")?.reward == 1)
                #expect(try await second.aggregates(model: "m", since: .distantPast) == totalsBefore)

                // The revision carries across the restart: a stale write is still refused.
                await #expect(throws: StoreError.self) {
                    try await second.saveRelease(release, expectedRevision: 0, event: AuditEvent(time: Sample.base.timeIntervalSince1970, model: "m", actor: "a", action: "x", from: nil, to: .progressing, reason: ""))
                }
                await second.shutDown()
            }
        }

        @Test("a database of the previous schema version is brought up to date and keeps its data", arguments: StoreKind.available)
        func upgradeFromPreviousSchema(kind: StoreKind) async throws {
            let temporary = try await TemporaryStore.make(kind)
            let current = try await temporary.open()
            let all = try await current.appliedMigrations()
            await current.shutDown()
            await temporary.remove()

            let older = try await TemporaryStore.make(kind)
            let previous = try await older.open(schemaUpTo: all[all.count - 2])
            #expect(try await previous.appliedMigrations() == Array(all.dropLast()))
            try await previous.append(ObservationBatch([Sample.observation("a", payload: true), Sample.observation("b", version: "v2")]))
            let release = try await previous.saveRelease(
                ReleaseRecord(model: "m", spec: "{}", phase: "progressing", step: 1, controllerState: "{}", updatedAt: Sample.base),
                expectedRevision: 0,
                event: AuditEvent(time: Sample.base.timeIntervalSince1970, model: "m", actor: "api", action: "start", from: nil, to: .progressing, reason: "")
            )
            let totals = try await previous.aggregates(model: "m", since: .distantPast)
            await previous.shutDown()

            let upgraded = try await older.open()
            #expect(try await upgraded.appliedMigrations() == all)
            #expect(try await upgraded.releases() == [release])
            #expect(try await upgraded.decision(requestID: "b")?.version == "v2")
            #expect(try await upgraded.payloadSample(requestID: "a") != nil)
            #expect(try await upgraded.aggregates(model: "m", since: .distantPast) == totals)
            // What the newest migration made works on the upgraded database.
            try await upgraded.append(ObservationBatch([Sample.observation("c")]))
            #expect(try await upgraded.recordFeedback([FeedbackItem(requestID: "c", reward: 1, time: Sample.base)]) == [.recorded(model: "m", version: "v1")])
            #expect(try await upgraded.recentShadowSamples(model: "m", limit: 5).isEmpty)
            if let coordinator = upgraded as? any ReplicaCoordinator {
                #expect(try await coordinator.replicas(heardWithin: 60).isEmpty)
            }
            await upgraded.shutDown()
            await older.remove()
        }

        @Test("two stores on one database see each other's commits", arguments: StoreKind.available)
        func twoConnections(kind: StoreKind) async throws {
            try await TemporaryStore.with(kind) { a, temporary in
                let b = try await temporary.open()
                try await a.append(ObservationBatch([Sample.observation("x")]))
                #expect(try await b.decision(requestID: "x") != nil)
                await b.shutDown()
            }
        }

        @Test("stores opened at the same moment on an empty database migrate it once", arguments: StoreKind.available)
        func concurrentFirstOpens(kind: StoreKind) async throws {
            let temporary = try await TemporaryStore.make(kind)
            // An SQLite file belongs to one process, which migrates it before anything else
            // opens it; PostgreSQL replicas may all start on the empty database at once.
            let first: [any TestStore] = kind == .sqlite ? [try await temporary.open()] : []
            let stores = try await withThrowingTaskGroup(of: (any TestStore).self) { group in
                for _ in first.count..<4 { group.addTask { try await temporary.open() } }
                var stores = first
                for try await store in group { stores.append(store) }
                return stores
            }
            for store in stores {
                #expect(try await store.appliedMigrations().count == (kind == .postgres ? 8 : 7))
            }
            try await stores[0].append(ObservationBatch([Sample.observation("x")]))
            #expect(try await stores[3].decision(requestID: "x") != nil)
            for store in stores { await store.shutDown() }
            await temporary.remove()
        }
    }
}
