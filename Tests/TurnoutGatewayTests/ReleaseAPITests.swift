import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Logging
import Testing
import TurnoutCore
import TurnoutGateway

/// The admin API's release control: PUT, lifecycle commands, revisions, events and restarts.
@Suite("Release API")
struct ReleaseAPITests {
    let client = HTTPClient.shared

    static func config(_ v1: TestUpstream, _ v2: TestUpstream, store: String? = nil, weights: String = "{ v1: 50, v2: 50 }") -> String {
        """
        \(store.map { "store: \($0)" } ?? "")
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: split, weights: \(weights) }
        """
    }

    /// The versions that answer 40 different users.
    private func versions(_ gateway: GatewayHarness) async throws -> [String: Int] {
        var seen: [String: Int] = [:]
        for user in 0..<40 {
            let answer = try await client.send(
                .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", "user-\(user)")], body: ByteBuffer(string: "{}")
            )
            seen[answer.version ?? "none", default: 0] += 1
        }
        return seen
    }

    private func post(_ gateway: GatewayHarness, _ action: String, ifMatch: Int? = nil, body: String? = nil) async throws -> Answer {
        try await client.send(
            .POST, "\(gateway.adminURL)/api/v1/models/m/\(action)",
            headers: ifMatch.map { [("if-match", "\"\($0)\"")] } ?? [],
            body: body.map { ByteBuffer(string: $0) }
        )
    }

    private func release(_ answer: Answer) -> [String: Any] {
        answer.json["release"] as? [String: Any] ?? [:]
    }

    @Test("PUT validates like turnout validate, checks If-Match, and changes routing once stored")
    func putRelease() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            let url = "\(gateway.adminURL)/api/v1/models/m/release"
            let invalid = try await client.send(.PUT, url, body: ByteBuffer(string: #"{"strategy": "split", "weights": {"v1": -1, "v9": 5}}"#))
            #expect(invalid.status == 400)
            let problems = invalid.json["problems"] as? [String] ?? []
            #expect(problems.contains { $0.hasPrefix("models.m.release.weights.v1: weights must not be negative") })
            #expect(problems.contains { $0.hasPrefix("models.m.release.weights.v9: no such version") })
            let unknownStrategy = try await client.send(.PUT, url, body: ByteBuffer(string: #"{"strategy": "teleport"}"#))
            #expect(unknownStrategy.status == 400)
            let missing = try await client.send(.PUT, "\(gateway.adminURL)/api/v1/models/nope/release", body: ByteBuffer(string: "{}"))
            #expect(missing.status == 404)

            let before = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            let revision = try #require(release(before)["revision"] as? Int)
            #expect(before.headers.first(name: "etag") == "\"\(revision)\"")
            let stale = try await client.send(
                .PUT, url, headers: [("if-match", "\"\(revision - 1)\"")], body: ByteBuffer(string: #"{"strategy": "single", "version": "v2"}"#)
            )
            #expect(stale.status == 409)
            let garbled = try await client.send(.PUT, url, headers: [("if-match", "yesterday")], body: ByteBuffer(string: #"{"strategy": "single", "version": "v2"}"#))
            #expect(garbled.status == 400)
            #expect(try await versions(gateway).keys.sorted() == ["v1", "v2"])

            let applied = try await client.send(
                .PUT, url, headers: [("if-match", "\"\(revision)\"")], body: ByteBuffer(string: #"{"strategy": "single", "version": "v2"}"#)
            )
            #expect(applied.status == 200)
            #expect(release(applied)["revision"] as? Int == revision + 1)
            #expect(release(applied)["phase"] as? String == "progressing")
            #expect(applied.json["weights"] as? [String: Double] == ["v1": 0, "v2": 100])
            #expect(try await versions(gateway) == ["v2": 40])
        }
    }

    @Test("promote, pause, rollback and retry move traffic as the lifecycle says, each an event")
    func lifecycle() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            let promoted = try await post(gateway, "promote", body: #"{"reason": "looks good"}"#)
            #expect(promoted.status == 200)
            #expect(release(promoted)["phase"] as? String == "promoted")
            #expect(try await versions(gateway) == ["v2": 40])

            let refused = try await post(gateway, "pause")
            #expect(refused.status == 409)
            #expect(refused.json["error"] as? String == "cannot pause: release of m is promoted (allowed: rollback, abort)")

            let stale = try await post(gateway, "rollback", ifMatch: 1)
            #expect(stale.status == 409)
            let rolledBack = try await post(gateway, "rollback")
            #expect(release(rolledBack)["phase"] as? String == "aborted")
            #expect(try await versions(gateway) == ["v1": 40])

            let retried = try await post(gateway, "retry")
            #expect(release(retried)["phase"] as? String == "progressing")
            #expect(try await versions(gateway).keys.sorted() == ["v1", "v2"])
            let paused = try await post(gateway, "pause")
            #expect(release(paused)["phase"] as? String == "paused")
            let resumed = try await post(gateway, "resume")
            #expect(release(resumed)["phase"] as? String == "progressing")
            let full = try await client.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote?full=true")
            #expect(release(full)["phase"] as? String == "promoted")
            let aborted = try await post(gateway, "abort", body: #"{"reason": "error budget spent"}"#)
            #expect(release(aborted)["phase"] as? String == "aborted")
            #expect(release(aborted)["reason"] as? String == "error budget spent")
            let badBody = try await post(gateway, "retry", body: #"{"why": "x"}"#)
            #expect(badBody.status == 400)

            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m&limit=100")
            let list = try #require(events.json["events"] as? [[String: Any]])
            #expect(list.map { $0["action"] as? String ?? "" } == [
                "abort", "promote_full", "resume", "pause", "retry", "rollback", "promote", "start",
            ])
            #expect(list.first?["actor"] as? String == "api")
            #expect(list.last?["actor"] as? String == "config")
            #expect(list[6]["reason"] as? String == "looks good")
            let badLimit = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?limit=0")
            #expect(badLimit.status == 400)
        }
    }

    @Test("commands on several models at once all take effect: none publishes over another")
    func concurrentCommands() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let models = ["a", "b", "c", "d"]
        let yaml = "models:\n" + models.map { name in
            "  \(name):\n    versions:\n      v1: { upstream: [\"\(v1.url)\"], probe: false }\n      v2: { upstream: [\"\(v2.url)\"], probe: false }\n"
                + "    release: { strategy: split, weights: { v1: 50, v2: 50 } }\n"
        }.joined()
        try await GatewayHarness.run(yaml) { gateway in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for name in models {
                    group.addTask {
                        try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/\(name)/promote").status
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            for name in models {
                for _ in 0..<10 {
                    let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/\(name)/infer", body: ByteBuffer(string: "{}"))
                    #expect(answer.version == "v2", "model \(name)")
                }
            }
        }
    }

    @Test("every release route needs the token when one is configured")
    func token() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(
            Self.config(v1, v2), environment: ["TURNOUT_ADMIN_TOKEN": "t0ken"]
        ) { gateway in
            let base = "\(gateway.adminURL)/api/v1"
            for (method, path) in [(HTTPMethod.PUT, "/models/m/release"), (.POST, "/models/m/promote"), (.POST, "/models/m/abort"), (.GET, "/events")] {
                let refused = try await client.send(method, base + path, body: ByteBuffer(string: #"{"strategy": "single", "version": "v2"}"#))
                #expect(refused.status == 401)
                #expect(!refused.text.contains("t0ken"))
            }
            #expect(try await versions(gateway).keys.sorted() == ["v1", "v2"])
            let allowed = try await client.send(.POST, base + "/models/m/promote", headers: [("authorization", "Bearer t0ken")])
            #expect(allowed.status == 200)
        }
    }

    @Test("a restart resumes each release where it stood; an edited configured release starts anew")
    func restartResumes() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let directory = try TemporaryDirectory.make("restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = "sqlite:\(directory.path)/turnout.db"
        let assignment = try await GatewayHarness.run(Self.config(v1, v2, store: store)) { gateway in
            let put = try await client.send(
                .PUT, "\(gateway.adminURL)/api/v1/models/m/release", body: ByteBuffer(string: #"{"strategy": "split", "weights": {"v1": 70, "v2": 30}}"#)
            )
            #expect(put.status == 200)
            #expect(try await post(gateway, "pause").status == 200)
            return try await versions(gateway)
        }
        try await GatewayHarness.run(Self.config(v1, v2, store: store)) { gateway in
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            #expect(release(status)["phase"] as? String == "paused")
            #expect(release(status)["revision"] as? Int == 3)
            #expect((release(status)["spec"] as? [String: Any])?["weights"] as? [String: Int] == ["v1": 70, "v2": 30])
            #expect(try await versions(gateway) == assignment)
        }
        try await GatewayHarness.run(Self.config(v1, v2, store: store, weights: "{ v1: 0, v2: 100 }")) { gateway in
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            #expect(release(status)["phase"] as? String == "progressing")
            #expect(release(status)["revision"] as? Int == 4)
            #expect(try await versions(gateway) == ["v2": 40])
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?limit=1")
            let newest = try #require((events.json["events"] as? [[String: Any]])?.first)
            #expect(newest["actor"] as? String == "config")
            #expect((newest["reason"] as? String)?.contains("the configured release changed") == true)
        }
    }

    @Test("with store: none, releases are steered in memory and the events are still listed")
    func memoryOnly() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2, store: "none")) { gateway in
            #expect(release(try await post(gateway, "abort"))["phase"] as? String == "aborted")
            #expect(try await versions(gateway) == ["v1": 40])
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            #expect(status.json["stats"] == nil)
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events")
            #expect((events.json["events"] as? [[String: Any]])?.map { $0["action"] as? String } == ["abort", "start"])
        }
    }
}

@Suite("Gateway start-up failures")
struct StartupFailureTests {
    @Test("a data-plane port already in use ends run() with an error instead of hanging")
    func portInUse() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run("models:\n  m: { versions: { v1: { upstream: [\"\(v1.url)\"], probe: false } } }\n") { running in
            let directory = try TemporaryDirectory.make("clash")
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = try TurnoutConfig.parse(yaml: """
                listen: 127.0.0.1:\(running.port)
                admin: { listen: 127.0.0.1:0 }
                store: sqlite:\(directory.path)/turnout.db
                models:
                  m: { versions: { v1: { upstream: ["\(v1.url)"], probe: false } } }
                """)
            let clashing = try await Gateway(config: config, logger: Logger(label: "clash"))
            await #expect(throws: (any Error).self) { try await clashing.run() }
        }
    }
}
