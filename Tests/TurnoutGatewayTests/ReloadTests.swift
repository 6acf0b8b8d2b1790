import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Testing
import TurnoutCore
import TurnoutGateway

/// Routing changes while the gateway runs: the snapshot is swapped, nothing restarts.
@Suite("Configuration reload")
struct ReloadTests {
    static func config(_ v1: TestUpstream, _ v2: TestUpstream, weights: String) -> String {
        """
        listen: 127.0.0.1:0
        admin: { listen: 127.0.0.1:0 }
        store: none
        models:
          m:
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: split, weights: \(weights) }
        """
    }

    @Test("an edited file is applied without a restart, and a broken edit is ignored")
    func reloadFromFile() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let file = FileManager.default.temporaryDirectory.appending(path: "turnout-reload-\(UInt64.random(in: 0...UInt64.max)).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.config(v1, v2, weights: "{ v1: 100, v2: 0 }").utf8).write(to: file)
        var logger = Logger(label: "reload-test")
        logger.logLevel = .critical
        let gateway = try await Gateway(config: try ConfigFileLoader.load(file.path), logger: logger, watching: file.path, watchInterval: .milliseconds(50))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gateway.run() }
            let url = "http://127.0.0.1:\(try await gateway.dataPlanePort)/v2/models/m/infer"
            func versions(_ count: Int) async throws -> Set<String> {
                var seen = Set<String>()
                for _ in 0..<count {
                    let answer = try await HTTPClient.shared.send(.POST, url, body: ByteBuffer(string: "{}"))
                    if let version = answer.version { seen.insert(version) }
                }
                return seen
            }
            #expect(try await versions(20) == ["v1"])

            try Data(Self.config(v1, v2, weights: "{ v1: 0, v2: 100 }").utf8).write(to: file)
            try await Self.eventually { try await versions(5) == ["v2"] }
            #expect(try await versions(20) == ["v2"])

            try Data("models: { m: { versions: {} } }\n".utf8).write(to: file)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await versions(20) == ["v2"])
            await gateway.shutdown()
            try await group.waitForAll()
        }
    }

    @Test("apply swaps routing at once and refuses a model file that cannot load")
    func applyDirectly() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2, weights: "{ v1: 100, v2: 0 }").replacingOccurrences(of: "listen: 127.0.0.1:0\nadmin: { listen: 127.0.0.1:0 }\n", with: "")) { gateway in
            let url = "\(gateway.baseURL)/v2/models/m/infer"
            #expect(try await HTTPClient.shared.send(.POST, url, body: ByteBuffer(string: "{}")).version == "v1")
            try await gateway.gateway.apply(try TurnoutConfig.parse(yaml: Self.config(v1, v2, weights: "{ v1: 0, v2: 100 }")))
            #expect(try await HTTPClient.shared.send(.POST, url, body: ByteBuffer(string: "{}")).version == "v2")
            let broken = try TurnoutConfig.parse(yaml: "models:\n  m: { versions: { v1: { builtin: /nonexistent.json } } }\n")
            await #expect(throws: GatewayError.self) { try await gateway.gateway.apply(broken) }
            #expect(try await HTTPClient.shared.send(.POST, url, body: ByteBuffer(string: "{}")).version == "v2")
            let metrics = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/metrics")
            #expect(metrics.text.contains(#"turnout_release_weight{model="m",version="v2"} 100"#))
        }
    }

    /// Polls `condition` until it holds; the default bound is generous, because the suite runs
    /// hundreds of tests at once on two cores (the first seconds alone have stalled for 9 s) and a
    /// condition that holds returns at once anyway.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within \(timeout)")
    }

    @Test("an instance removed by a reload loses its pooled connections")
    func removedInstanceIsDisconnected() async throws {
        let kept = try await TestUpstream.start(name: "kept")
        let removed = try await TestUpstream.start(name: "removed")
        let both = """
            models:
              m:
                versions:
                  v1: { upstream: ["\(kept.url)"], probe: false }
                  v2: { upstream: ["\(removed.url)"], probe: false }
                release: { strategy: split, weights: { v1: 50, v2: 50 } }
            """
        try await GatewayHarness.run(both) { gateway in
            for user in 0..<20 {
                _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", "u\(user)")], body: ByteBuffer(string: "{}"))
            }
            #expect(removed.openConnections > 0)
            try await gateway.gateway.apply(try TurnoutConfig.parse(yaml: """
                models:
                  m: { versions: { v1: { upstream: ["\(kept.url)"], probe: false } } }
                """))
            try await Self.eventually { removed.openConnections == 0 }
            #expect(kept.openConnections > 0)
        }
    }

    @Test("when the shutdown grace runs out, connections still open are closed")
    func graceExpiry() async throws {
        let slow = try await TestUpstream.start(name: "slow")
        let outcome = try await GatewayHarness.run("""
            shutdown_grace: 300ms
            models:
              m: { versions: { v1: { upstream: ["\(slow.url)"], probe: false } } }
            """) { gateway -> Result<Int, any Error> in
            async let answer = HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-delay-ms", "10000")], body: ByteBuffer(string: "{}"))
            while slow.requests == 0 { try await Task.sleep(for: .milliseconds(10)) }
            await gateway.gateway.shutdown()
            do {
                return .success(try await answer.status)
            } catch {
                return .failure(error)
            }
        }
        // The request could not finish within the grace period: its connection was cut.
        #expect(throws: (any Error).self) { try outcome.get() }
        try await Self.eventually { slow.openConnections == 0 }
    }
}
