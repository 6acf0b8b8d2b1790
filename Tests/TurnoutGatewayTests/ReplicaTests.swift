import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutGateway

/// Several gateways on one PostgreSQL database, in one test process, as replicas behind a
/// load balancer would run.
@Suite("Replicas on one PostgreSQL database", .enabled(if: TestPostgresDatabase.isRequested, TestPostgresDatabase.skipMessage))
struct ReplicaTests {
    let client = HTTPClient.shared

    static func config(
        _ v1: TestUpstream, _ v2: TestUpstream, store: String,
        release: String = "{ strategy: split, weights: { v1: 100, v2: 0 } }", extra: String = ""
    ) -> String {
        """
        store: \(store)
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: \(release)
        """ + extra
    }

    /// The versions that answer 20 different users.
    private func versions(_ gateway: GatewayHarness) async throws -> Set<String> {
        var seen: Set<String> = []
        for user in 0..<20 {
            let answer = try await client.send(
                .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", "user-\(user)")], body: ByteBuffer(string: "{}"))
            seen.insert(answer.version ?? "none")
        }
        return seen
    }

    private func revision(_ gateway: GatewayHarness) async throws -> Int? {
        let answer = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
        return (answer.json["release"] as? [String: Any])?["revision"] as? Int
    }

    private func replicas(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        try await client.send(.GET, "\(gateway.adminURL)/api/v1/models").json["replicas"] as? [[String: Any]] ?? []
    }

    /// A canary that stays at its first step of 50% (its analysis waits an hour), behind a
    /// `before_start` gate asked every 100 ms.
    static func gatedConfig(_ v1: TestUpstream, _ v2: TestUpstream, store: String, gate: String) -> String {
        config(
            v1, v2, store: store, release: "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 50}], analysis: { interval: 1h } }",
            extra: "\n    gates: { before_start: \"\(gate)\", interval: 100ms }"
        )
    }

    /// Runs `body` with two gateway replicas on a new database, configured by `config`
    /// (upstreams, store URL), then stops both.
    private func withTwoReplicas(
        config: (TestUpstream, TestUpstream, String) -> String = { Self.config($0, $1, store: $2) },
        _ body: (GatewayHarness, GatewayHarness, TestPostgresDatabase) async throws -> Void
    ) async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await TestPostgresDatabase.with { database in
            let yaml = config(v1, v2, database.url)
            try await GatewayHarness.run(yaml, environment: database.environment) { a in
                try await GatewayHarness.run(yaml, environment: database.environment) { b in
                    try await body(a, b, database)
                }
            }
        }
        try await v1.stop()
        try await v2.stop()
    }

    @Test("a release changed on one replica routes on the other; a stale If-Match is refused on either")
    func releaseChangePropagates() async throws {
        try await withTwoReplicas { a, b, _ in
            // The second replica resumed the release the first one stored.
            let start = try #require(try await revision(a))
            #expect(try await revision(b) == start)
            #expect(try await versions(b) == ["v1"])

            let put = try await client.send(
                .PUT, "\(a.adminURL)/api/v1/models/m/release", headers: [("if-match", "\"\(start)\"")],
                body: ByteBuffer(string: #"{"strategy": "split", "weights": {"v1": 0, "v2": 100}}"#))
            #expect(put.status == 200, "\(put.text)")
            let saved = ContinuousClock.now
            try await ReloadTests.eventually(timeout: .seconds(10)) { try await versions(b) == ["v2"] }
            print("replica propagation: a release PUT on one replica routed on the other after \(ContinuousClock.now - saved)")
            #expect(try await revision(b) == start + 1)

            // The revision check holds across replicas: b's old revision is stale now.
            let stale = try await client.send(
                .POST, "\(b.adminURL)/api/v1/models/m/pause", headers: [("if-match", "\"\(start)\"")])
            #expect(stale.status == 409, "\(stale.text)")
            #expect(stale.text.contains("revision"), "\(stale.text)")
        }
    }

    @Test("one replica leads; when it stops, the other takes over and says since when")
    func leaderTakesOver() async throws {
        try await withTwoReplicas { a, b, _ in
            var leaders: [[String: Any]] = []
            try await ReloadTests.eventually(timeout: .seconds(20)) {
                let listed = try await replicas(a)
                leaders = listed.filter { $0["leader_since"] != nil }
                return listed.count == 2 && leaders.count == 1
            }
            // Each replica shows the same two, and marks itself.
            let seenByB = try await replicas(b)
            #expect(seenByB.count == 2)
            #expect(seenByB.filter { $0["self"] as? Bool == true }.count == 1)
            let aLeads = try await replicas(a).contains { $0["self"] as? Bool == true && $0["leader_since"] != nil }
            let (leader, follower) = aLeads ? (a, b) : (b, a)

            await leader.gateway.shutdown()
            let stopped = ContinuousClock.now
            try await ReloadTests.eventually(timeout: .seconds(20)) {
                try await replicas(follower).contains { $0["self"] as? Bool == true && $0["leader_since"] != nil }
            }
            print("replica take-over: the follower led \(ContinuousClock.now - stopped) after the leader stopped")
            // The follower still serves with its routing.
            #expect(try await versions(follower) == ["v1"])
        }
    }

    @Test("when the leader loses its database connection, a replica leads again from a new lock")
    func leaderLosesConnection() async throws {
        try await withTwoReplicas { a, b, database in
            var before: Double = 0
            try await ReloadTests.eventually(timeout: .seconds(20)) {
                let leaders = try await replicas(a).compactMap { $0["leader_since"] as? Double }
                before = leaders.first ?? 0
                return leaders.count == 1
            }
            // The server ends the session holding the leader's lock, as a lost network would.
            try await database.execute("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)
            let lost = ContinuousClock.now
            try await ReloadTests.eventually(timeout: .seconds(20)) {
                let leaders = try await replicas(b).compactMap { $0["leader_since"] as? Double }
                return leaders.count == 1 && (leaders.first ?? 0) > before
            }
            print("replica take-over: a leader again \(ContinuousClock.now - lost) after the leader's connection was ended")
            #expect(try await versions(a) == ["v1"])
            #expect(try await versions(b) == ["v1"])
        }
    }

    @Test("a new release waits for its before_start gate on every replica, and takes traffic on every one once the leader's gate answers 200")
    func startGateAcrossReplicas() async throws {
        let gate = try await GateTests.GateServer(status: 503)
        try await withTwoReplicas(config: { Self.gatedConfig($0, $1, store: $2, gate: gate.url) }) { a, b, _ in
            try await ReloadTests.eventually(timeout: .seconds(30)) { gate.server.requests.count >= 2 }
            #expect(try await versions(a) == ["v1"])
            #expect(try await versions(b) == ["v1"])

            gate.status.withLockedValue { $0 = 200 }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                let (onA, onB) = (try await versions(a), try await versions(b))
                return onA.contains("v2") && onB.contains("v2")
            }
            // The opening is stored once, and seen through either replica.
            let events = try await client.send(.GET, "\(b.adminURL)/api/v1/events?model=m&limit=20").json["events"] as? [[String: Any]] ?? []
            #expect(events.filter { $0["action"] as? String == "start_gate_opened" }.count == 1, "\(events)")

            // A new release started through one replica is held on the other as well.
            gate.status.withLockedValue { $0 = 503 }
            let current = try #require(try await revision(b))
            let put = try await client.send(
                .PUT, "\(b.adminURL)/api/v1/models/m/release", headers: [("if-match", "\"\(current)\"")],
                body: ByteBuffer(string: #"{"strategy": "canary", "stable": "v2", "canary": "v1", "steps": [{"weight": 50}], "analysis": {"interval": "1h"}}"#))
            #expect(put.status == 200, "\(put.text)")
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                try await revision(a) == current + 1
            }
            let asked = gate.server.requests.count
            try await ReloadTests.eventually(timeout: .seconds(30)) { gate.server.requests.count >= asked + 2 }
            #expect(try await versions(a) == ["v2"])
            #expect(try await versions(b) == ["v2"])
            gate.status.withLockedValue { $0 = 200 }
            try await ReloadTests.eventually(timeout: .seconds(30)) {
                let (onA, onB) = (try await versions(a), try await versions(b))
                return onA.contains("v1") && onB.contains("v1")
            }
        }
        try await gate.server.stop()
    }
}
