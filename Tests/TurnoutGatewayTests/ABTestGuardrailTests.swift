import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import TurnoutCore
@testable import TurnoutGateway

/// An A/B test's guardrails (metric checks asked about each variant at every look) against a
/// real HTTP server in the test process that answers like Prometheus: an inconclusive guardrail
/// leaves the test running, a failing one stops it with all traffic back to control.
@Suite("A/B test guardrails")
struct ABTestGuardrailTests {
    /// A test that never concludes by its own statistics, so only a guardrail can end it.
    static func config(stable: String, canary: String, prometheus: String) -> String {
        let guardrail = MetricCheckTests.gpuCheck(prometheus)
        let release = "{ strategy: abtest, control: v1, variants: [v2], metric: error_rate, min_samples: 1000000, interval: 100ms, guardrails: [\(guardrail)] }"
        return CanaryTests.config(stable: stable, canary: canary, release: release)
    }

    static func analysis(_ gateway: GatewayHarness) async throws -> [String: Any]? {
        try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json["analysis"] as? [String: Any]
    }

    @Test("an inconclusive guardrail leaves the A/B test running; a failing one aborts it to control, the event carrying the check's numbers")
    func guardrailStopsTest() async throws {
        // Prometheus' answer for the variant: none at first (it is down: 503), then over the limit.
        let answer = NIOLockedValueBox<(status: Int, body: String)>((503, "<html>unavailable</html>"))
        let prometheus = try await ScriptedModelServer.start { head, _ in
            guard head.uri.hasPrefix("/api/v1/query?") else { return (404, "{}") }
            return answer.withLockedValue { $0 }
        }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, prometheus: prometheus.url)) { gateway in
            var round = 0
            var split = CanaryTests.Traffic()
            try await ReloadTests.eventually(timeout: .seconds(120)) {
                let traffic = try await CanaryTests.drive(gateway, requests: 40, seed: round)
                split.byVersion.merge(traffic.byVersion, uniquingKeysWith: +)
                round += 1
                await gateway.tick()
                return prometheus.requests.count >= 3
            }
            #expect(try await CanaryTests.release(gateway)["phase"] as? String == "progressing")
            let held = try #require(try await Self.analysis(gateway))
            #expect((held["decision"] as? String ?? "").contains("inconclusive: gpu"), "\(held)")
            #expect((split.byVersion["v2"] ?? 0) > 0 && (split.byVersion["v1"] ?? 0) > 0, "\(split.byVersion)")

            answer.withLockedValue { $0 = (200, MetricCheckTests.vector(["0.97"])) }
            let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
            #expect(phase == "aborted")
            let abort = try #require(try await CanaryTests.events(gateway).last)
            #expect(abort["action"] as? String == "abort" && abort["actor"] as? String == "controller")
            let reason = abort["reason"] as? String ?? ""
            #expect(reason.contains("guardrail failed: gpu") && reason.contains("0.97"), "\(reason)")
            let checks = try #require(try await Self.analysis(gateway)?["checks"] as? [[String: Any]])
            #expect(checks.first?["verdict"] as? String == "fail")
            #expect((checks.first?["values"] as? [String: Any])?["canary"] as? Double == 0.97)
            let after = try await CanaryTests.drive(gateway, requests: 100, seed: 77)
            #expect(after.byVersion == ["v1": after.sent], "\(after.byVersion)")
        }
        for server in [prometheus, stable, canary] { try await server.stop() }
    }

    @Test("guardrails are stored with the A/B test and read back; a test without them is stored as before")
    func storedForm() throws {
        let config = try TurnoutConfig.parse(yaml: "listen: 127.0.0.1:0\n" + Self.config(stable: "http://127.0.0.1:9", canary: "http://127.0.0.1:9", prometheus: "http://p:9090"))
        let spec = try #require(config.model(named: "m")?.release.as(ABTestSpec.self))
        #expect(spec.guardrails.map(\.name) == ["gpu"])
        let decoded = try JSONDecoder().decode(ABTestSpec.self, from: JSONEncoder().encode(spec))
        #expect(decoded == spec)
        var none = spec
        none.guardrails = []
        let encoded = String(decoding: try JSONEncoder().encode(none), as: UTF8.self)
        #expect(!encoded.contains("guardrails"))
        #expect(try JSONDecoder().decode(ABTestSpec.self, from: Data(encoded.utf8)) == none)
        #expect(spec.configJSON.contains(#""guardrails":[{"name":"gpu""#), "\(spec.configJSON)")
    }
}
