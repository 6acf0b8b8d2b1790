import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import TurnoutCore
import TurnoutGateway
import TurnoutStore

/// Issue 19's reproducers at the gateway: bad numbers, documents and reasons are refused with
/// their key path, a bad stored release is skipped, and the gateway keeps serving throughout.
@Suite("Hardening")
struct HardeningTests {
    let client = HTTPClient.shared

    static func config(_ v1: TestUpstream, _ v2: TestUpstream, extra: String = "") -> String {
        """
        \(extra)
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: split, weights: { v1: 100, v2: 0 } }
        """
    }

    private func servedVersion(_ gateway: GatewayHarness) async throws -> String? {
        let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", "u")], body: ByteBuffer(string: "{}"))
        #expect(answer.status == 200)
        return answer.version
    }

    @Test(
        "a PUT of a release that crashed the gateway is answered 400 with the key path, and the gateway keeps serving",
        arguments: [
            (#"{"strategy":"split","weights":{"v1":1e308,"v2":1e308}}"#, "models.m.release.weights.v1: expected a weight from 0 to 1000000"),
            (#"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"1e308s"},{"weight":100}]}"#, "models.m.release.steps[0].pause: expected a duration of at most 365d"),
            (#"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":1e16},{"weight":100}]}"#, "models.m.release.steps[0].pause: expected a duration of at most 365d"),
            (#"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":9223372036854775807},{"weight":100}]}"#, "models.m.release.steps[0].pause: expected a duration of at most 365d"),
            (#"{"strategy":"flag","flag":"f","fallback":"v2"}"#, "models.m.release.flag: a flag release needs flag files"),
            (YAMLBudgetDocument.nestedAnchors, "(document): line 1: YAML anchors"),
        ]
    )
    func badReleaseIsRefused(_ document: String, _ expected: String) async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            let answer = try await client.send(.PUT, "\(gateway.adminURL)/api/v1/models/m/release", body: ByteBuffer(string: document))
            #expect(answer.status == 400)
            let problems = answer.json["problems"] as? [String] ?? []
            #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
            #expect(try await servedVersion(gateway) == "v1")
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            #expect(status.status == 200)
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m")
            #expect((events.json["events"] as? [Any])?.count == 1)
        }
    }

    @Test("a reason with a newline or another control character is refused with 400 naming reason")
    func reasonCannotForgeLogLines() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            let url = "\(gateway.adminURL)/api/v1/models/m/pause"
            for reason in ["ok\n2025-01-01T00:00:00 info turnout: release of m: promote by admin", "tab\there", "bell\u{07}", "sep\u{2028}"] {
                let body = try JSONSerialization.data(withJSONObject: ["reason": reason])
                let answer = try await client.send(.POST, url, body: ByteBuffer(bytes: body))
                #expect(answer.status == 400)
                #expect((answer.json["error"] as? String)?.hasPrefix("reason: expected one line") == true)
            }
            let long = try JSONSerialization.data(withJSONObject: ["reason": String(repeating: "x", count: 1_001)])
            #expect(try await client.send(.POST, url, body: ByteBuffer(bytes: long)).status == 400)
            let fine = try await client.send(.POST, url, body: ByteBuffer(string: #"{"reason": "investigating — café ☕"}"#))
            #expect(fine.status == 200)
        }
    }

    @Test("every log event is one line: control characters in messages and metadata are escaped")
    func singleLineLogs() {
        #expect(SingleLineLogHandler<CapturedLog>.escaped("a\nb\r\tc\u{1B}[31m\u{2028}") == #"a\nb\r\tc\u{1B}[31m\u{2028}"#)
        #expect(SingleLineLogHandler<CapturedLog>.escaped("plain — café") == "plain — café")
        let captured = CapturedLog()
        let logger = Logger(label: "t") { _ in SingleLineLogHandler(captured) }
        logger.error("forged\ninfo line", metadata: ["reason": "x\ny"])
        #expect(captured.text == [#"error forged\ninfo line reason=x\ny"#])
    }

    @Test("a stored release that no longer validates is logged and skipped: the gateway starts and serves the configured release")
    func badStoredRelease() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let directory = try TemporaryDirectory.make("stored")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storePath = directory.appending(path: "turnout.db").path
        try await Self.storeBadReleases(at: storePath)
        let log = CapturedLog()
        try await GatewayHarness.run(Self.config(v1, v2, extra: "store: sqlite:\(storePath)") + Self.secondModel(v1, v2), logger: log.logger) { gateway in
            #expect(try await servedVersion(gateway) == "v1")
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            #expect(status.status == 200)
            let release = status.json["release"] as? [String: Any] ?? [:]
            #expect(release["revision"] as? Int == 2)
            let other = try await client.send(.POST, "\(gateway.baseURL)/v2/models/n/infer", body: ByteBuffer(string: "{}"))
            #expect(other.status == 200)
        }
        let errors = log.text.filter { $0.hasPrefix("error stored release of") }
        #expect(errors.contains { $0.contains("stored release of m at revision 1 is not valid") && $0.contains("models.m.release.weights.v1: expected a weight from 0 to 1000000") })
        #expect(errors.contains { $0.contains("stored release of n at revision 1 is not valid") && $0.contains("cannot be decoded") })
    }

    static func secondModel(_ v1: TestUpstream, _ v2: TestUpstream) -> String {
        """

          n:
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
        """
    }

    /// Writes, the way the store holds them, a release of `m` with weights of 1e308 (what a PUT
    /// stored before it crashed the gateway) and a release of `n` that is not JSON at all.
    static func storeBadReleases(at path: String) async throws {
        let store = try SQLiteStore(path: path)
        let configured = ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 100), VersionWeight(version: "v2", weight: 0)])
        let bad = ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 1e308), VersionWeight(version: "v2", weight: 1e308)])
        let state = ReleaseLifecycle.start(model: "m", spec: bad, previousStable: nil, actor: "api", now: 1_000).state
        let encoder = JSONEncoder()
        let stateJSON = String(decoding: try encoder.encode(state), as: UTF8.self)
        let configJSON = String(decoding: try encoder.encode(configured), as: UTF8.self)
        let managed = #"{"state":\#(stateJSON),"config_spec":\#(configJSON),"started_at":1000}"#
        let event = ReleaseLifecycle.start(model: "m", spec: bad, previousStable: nil, actor: "api", now: 1_000).event
        for (model, controllerState) in [("m", managed), ("n", "{not json")] {
            let record = ReleaseRecord(
                model: model, spec: stateJSON, phase: "progressing", controllerState: controllerState, updatedAt: Date(timeIntervalSince1970: 1_000)
            )
            _ = try await store.saveRelease(record, expectedRevision: 0, event: event)
        }
    }

    @Test("turnout validate exits non-zero with the key path for numbers that crashed it")
    func validateRefusesHugeNumbers() throws {
        let file = try CommandLineTests.temporaryFile("""
            shutdown_grace: 1e16
            models:
              m:
                versions: { v1: { builtin: a.json }, v2: { builtin: b.json } }
                release: { strategy: split, weights: { v1: 1e308, v2: 1e308 } }
            """)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CommandLineTests.run(["validate", "--config", file.path])
        #expect(outcome.status == 1)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("shutdown_grace: expected a duration of at most 365d, got 1e+16"))
        #expect(lines.contains { $0.hasPrefix("models.m.release.weights.v1: expected a weight from 0 to 1000000") })
    }

    @Test("turnout validate refuses a file over 4 MiB and nested anchors without expanding them")
    func validateRefusesHugeDocuments() throws {
        let big = try CommandLineTests.temporaryFile("# " + String(repeating: "x", count: 4 << 20) + "\n")
        let anchors = try CommandLineTests.temporaryFile(YAMLBudgetDocument.nestedAnchors)
        defer {
            try? FileManager.default.removeItem(at: big)
            try? FileManager.default.removeItem(at: anchors)
        }
        let tooBig = try CommandLineTests.run(["validate", "--config", big.path])
        #expect(tooBig.status == 2)
        #expect(tooBig.errors.contains("is larger than 4 MiB"))
        let expanded = try CommandLineTests.run(["validate", "--config", anchors.path])
        #expect(expanded.status == 1)
        #expect(expanded.output.contains("(document): line 1: YAML anchors (&name) and aliases are not supported"))
    }

    @Test("a reload of a file with shutdown_grace: 1e16 is refused and the previous configuration stays in force")
    func reloadRefusesHugeNumbers() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let file = try CommandLineTests.temporaryFile(ReloadTests.config(v1, v2, weights: "{ v1: 100, v2: 0 }"))
        defer { try? FileManager.default.removeItem(at: file) }
        let log = CapturedLog()
        let gateway = try await Gateway(config: try ConfigFileLoader.load(file.path), logger: log.logger, watching: file.path, watchInterval: .milliseconds(50))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gateway.run() }
            let url = "http://127.0.0.1:\(try await gateway.dataPlanePort)/v2/models/m/infer"
            func version() async throws -> String? {
                try await client.send(.POST, url, body: ByteBuffer(string: "{}")).version
            }
            #expect(try await version() == "v1")
            try Data((ReloadTests.config(v1, v2, weights: "{ v1: 0, v2: 100 }") + "\nshutdown_grace: 1e16\n").utf8).write(to: file)
            try await ReloadTests.eventually { log.text.contains { $0.contains("shutdown_grace: expected a duration of at most 365d") } }
            #expect(try await version() == "v1")
            try Data(ReloadTests.config(v1, v2, weights: "{ v1: 0, v2: 100 }").utf8).write(to: file)
            try await ReloadTests.eventually { try await version() == "v2" }
            await gateway.shutdown()
            try await group.waitForAll()
        }
    }

    @Test("versions sharing an upstream URL with different max_connections are refused, naming both keys")
    func sharedUpstreamLimits() {
        #expect {
            try TurnoutConfig.parse(yaml: """
                models:
                  a: { versions: { v1: { upstream: "http://127.0.0.1:9001", max_connections: 8 } } }
                  b: { versions: { v1: { upstream: ["http://127.0.0.1:9001"] } } }
                """)
        } throws: { error in
            (error as? ConfigError)?.issues.map(\.description) == [
                "models.b.versions.v1.max_connections: is 512 but models.a.versions.v1.max_connections is 8 for the same upstream http://127.0.0.1:9001; versions sharing an instance share its connections, so give them the same limit",
            ]
        }
    }
}

/// The issue's kind of alias bomb: nine levels, each naming the previous one nine times.
enum YAMLBudgetDocument {
    static var nestedAnchors: String {
        var lines = [#"a0: &a0 ["x","x","x","x","x","x","x","x","x"]"#]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n")
    }
}
