import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
import TurnoutCore
import TurnoutGateway

/// Flag releases: a flagd flag's variant names the version that answers.
@Suite("Flag-driven routing")
struct FlagRoutingTests {
    static func flagFile(state: String = "ENABLED") -> String {
        """
        {"flags": {"model-version": {
          "state": "\(state)",
          "variants": {"v1": "v1", "v2": "v2", "ghost": "v9"},
          "defaultVariant": "v1",
          "targeting": {"if": [
            {"ends_with": [{"var": "x-email"}, "@example.com"]}, "v2",
            {"==": [{"var": "tier"}, "gold"]}, "v2",
            {"==": [{"var": "x-ghost"}, "1"]}, "ghost",
            null
          ]}
        }}}
        """
    }

    static func config(flags: URL, v1: TestUpstream, v2: TestUpstream, fallback: String = "v1") -> String {
        """
        flags: ["\(flags.path)"]
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: flag, flag: model-version, fallback: \(fallback) }
        """
    }

    @Test("the flag's variant picks the version; headers and OIP parameters are the context")
    func routesByFlag() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let file = FileManager.default.temporaryDirectory.appending(path: "turnout-flags-\(UInt64.random(in: 0...UInt64.max)).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.flagFile().utf8).write(to: file)
        try await GatewayHarness.run(Self.config(flags: file, v1: v1, v2: v2), watchInterval: .milliseconds(50)) { gateway in
            let url = "\(gateway.baseURL)/v2/models/m/infer"
            func version(_ headers: [(String, String)], body: String = "{}") async throws -> String? {
                try await HTTPClient.shared.send(.POST, url, headers: headers, body: ByteBuffer(string: body)).version
            }
            #expect(try await version([("x-email", "ann@example.com")]) == "v2")
            #expect(try await version([("x-email", "bob@elsewhere.org")]) == "v1")
            #expect(try await version([], body: #"{"parameters": {"tier": "gold"}, "inputs": []}"#) == "v2")
            // A variant that names no version falls back.
            #expect(try await version([("x-ghost", "1")]) == "v1")

            // Turning the flag off takes effect on the next requests.
            try Data(Self.flagFile(state: "DISABLED").utf8).write(to: file)
            try await ReloadTests.eventually { try await version([("x-email", "ann@example.com")]) == "v1" }
            try Data(Self.flagFile().utf8).write(to: file)
            try await ReloadTests.eventually { try await version([("x-email", "ann@example.com")]) == "v2" }
            // An edit that is not a flag file at all is refused and the flags in force stay.
            try Data("{\"flags\": ".utf8).write(to: file)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await version([("x-email", "ann@example.com")]) == "v2")
            // An edit that breaks the flag itself makes it answer PARSE_ERROR: the release falls back.
            try Data("{\"flags\": {\"model-version\": {\"state\": \"ON\"}}}".utf8).write(to: file)
            try await ReloadTests.eventually { try await version([("x-email", "ann@example.com")]) == "v1" }
            try Data(Self.flagFile().utf8).write(to: file)
            try await ReloadTests.eventually { try await version([("x-email", "ann@example.com")]) == "v2" }
        }
    }

    @Test("a flag release needs flag files; an unreadable flag file, or a broken routing flag, stops the start with the reason")
    func configurationErrors() async throws {
        #expect {
            _ = try TurnoutConfig.parse(yaml: """
                models:
                  m:
                    versions: { v1: { upstream: "http://127.0.0.1:9" }, v2: { upstream: "http://127.0.0.1:9" } }
                    release: { strategy: flag, flag: f }
                """)
        } throws: { error in
            "\(error)".contains("models.m.release.flag: a flag release needs flag files")
        }
        let broken = FileManager.default.temporaryDirectory.appending(path: "turnout-broken-flags-\(UInt64.random(in: 0...UInt64.max)).json")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data(#"{"flags": {"f": {"state": "ON", "variants": {"a": "v1"}, "defaultVariant": "a"}}}"#.utf8).write(to: broken)
        let config = try TurnoutConfig.parse(yaml: """
            flags: ["\(broken.path)"]
            models:
              m:
                versions: { v1: { upstream: "http://127.0.0.1:9" } }
                release: { strategy: flag, flag: f }
            """)
        do {
            _ = try await Gateway(config: config, logger: .init(label: "test"))
            Issue.record("the gateway started")
        } catch {
            #expect("\(error)".contains(#"models.m.release.flag: flag "f" is invalid, so it cannot route: flags.f.state"#))
        }
        try Data(#"{"flags": ["#.utf8).write(to: broken)
        do {
            _ = try await Gateway(config: config, logger: .init(label: "test"))
            Issue.record("the gateway started")
        } catch {
            #expect("\(error)".contains("is not a valid flag file") && "\(error)".contains("invalid JSON"))
        }
    }

    @Test("turning the flag off under load: once reloaded, every following request goes to the fallback")
    func flagOffUnderLoad() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let file = FileManager.default.temporaryDirectory.appending(path: "turnout-flags-load-\(UInt64.random(in: 0...UInt64.max)).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.flagFile().utf8).write(to: file)
        try await GatewayHarness.run(Self.config(flags: file, v1: v1, v2: v2), watchInterval: .milliseconds(50)) { gateway in
            let url = "\(gateway.baseURL)/v2/models/m/infer"
            // Eight clients send continuously; each records when it sent, when the answer came and
            // which version answered.
            typealias Answer = (sent: ContinuousClock.Instant, received: ContinuousClock.Instant, version: String?)
            let flipped = ContinuousClock.now + .milliseconds(400)
            // Clients run for 2 s after the flip, and on a starved machine until 500 ms after the
            // first fallback answer (at most 20 s), so the reload is observed however slow it is.
            let firstFallbackSeen = NIOLockedValueBox<ContinuousClock.Instant?>(nil)
            @Sendable func shouldStop() -> Bool {
                let now = ContinuousClock.now
                if now > flipped + .seconds(20) { return true }
                guard now > flipped + .seconds(2), let first = firstFallbackSeen.withLockedValue({ $0 }) else { return false }
                return now > first + .milliseconds(500)
            }
            let answers = try await withThrowingTaskGroup(of: [Answer].self) { group in
                for client in 0..<8 {
                    group.addTask {
                        var seen: [Answer] = []
                        while !shouldStop() {
                            let sent = ContinuousClock.now
                            let answer = try await HTTPClient.shared.send(.POST, url, headers: [("x-email", "c\(client)@example.com")], body: ByteBuffer(string: "{}"))
                            #expect(answer.status == 200)
                            let received = ContinuousClock.now
                            if answer.version == "v1" { firstFallbackSeen.withLockedValue { $0 = min($0 ?? received, received) } }
                            seen.append((sent, received, answer.version))
                        }
                        return seen
                    }
                }
                try await Task.sleep(until: flipped)
                try Data(Self.flagFile(state: "DISABLED").utf8).write(to: file)
                var all: [Answer] = []
                for try await seen in group { all += seen }
                return all
            }
            #expect(answers.allSatisfy { $0.received > flipped || $0.version == "v2" })
            // Once any client has had a fallback answer, every request sent afterwards gets one too.
            let firstFallback = try #require(answers.filter { $0.version == "v1" }.map(\.received).min())
            let later = answers.filter { $0.sent > firstFallback }
            #expect(!later.isEmpty)
            #expect(later.allSatisfy { $0.version == "v1" })
        }
    }
}
