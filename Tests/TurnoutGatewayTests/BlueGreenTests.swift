import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Testing
import TurnoutCore
@testable import TurnoutGateway
import TurnoutLoad

/// Blue-green releases: the preview is tested beside the active version, the switch is atomic
/// under load, a failure after it switches back, and rollback is instant.
@Suite("Blue-green releases")
struct BlueGreenTests {
    /// The quickstart's two real models as blue (v1) and green (v2), with `release` and smoke files.
    static func quickstart(release: String, directory: URL) throws -> String {
        let data = try BuiltinModelTests.dataSet()
        try LoadGenerator.inferenceBody(row: data.rows[0]).write(to: directory.appending(path: "smoke.json"), atomically: true, encoding: .utf8)
        try #"{"inputs": [{"name": "x", "datatype": "FP32", "shape": [1, 2], "data": [1, 2]}]}"#
            .write(to: directory.appending(path: "bad-smoke.json"), atomically: true, encoding: .utf8)
        return try ABTestTests.config(release: release.replacingOccurrences(of: "DIR", with: directory.path))
    }

    static func release(_ gateway: GatewayHarness, model: String = "breast-cancer") async throws -> [String: Any] {
        try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/\(model)").json["release"] as? [String: Any] ?? [:]
    }

    static func infer(_ gateway: GatewayHarness, headers: [(String, String)] = []) async throws -> Answer {
        let row = try BuiltinModelTests.dataSet().rows[1]
        return try await HTTPClient.shared.send(
            .POST, "\(gateway.baseURL)/v2/models/breast-cancer/infer", headers: headers, body: ByteBuffer(string: LoadGenerator.inferenceBody(row: row))
        )
    }

    @Test("under continuous load from turnout load: smoke tests, mirrored pre-promotion analysis, an atomic switch, zero failed requests")
    func switchUnderLoad() async throws {
        let directory = try TemporaryDirectory.make("bluegreen")
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = """
                  strategy: bluegreen
                  active: v1
                  preview: v2
                  smoke: [{ request: DIR/smoke.json, expect_status: 200 }]
                  pre_promotion: { mirror: 100, min_pairs: 200, max_error_rate: 0.01, max_latency_p99_ratio: 50 }
                  post_promotion: { window: 1s, interval: 200ms, min_requests: 50 }
            """
        try await GatewayHarness.run(try Self.quickstart(release: release, directory: directory)) { gateway in
            // Before the switch the preview answers only when asked for.
            #expect(try await Self.infer(gateway).version == "v1")
            #expect(try await Self.infer(gateway, headers: [("x-turnout-preview", "1")]).version == "v2")
            let report = await LoadGenerator(
                options: LoadOptions(url: gateway.baseURL, model: "breast-cancer", requests: 3_000, users: 500, concurrency: 8, seed: 5),
                data: try BuiltinModelTests.dataSet()
            ).run()
            #expect(report.succeeded == report.requests, "\(report.errors)")
            #expect(report.errors.isEmpty)
            #expect((report.versions["v1"]?.answers ?? 0) > 0 && (report.versions["v2"]?.answers ?? 0) > 0, "the switch happened during the load")
            // The post-promotion window passes on the controllers' clock, a quarter of it each round.
            let completed = try await gateway.tick(
                until: { try await Self.release(gateway)["phase"] as? String == "completed" }, rounds: 100, advancing: .milliseconds(250)
            )
            #expect(completed)
            let events = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/events?model=breast-cancer&limit=10").json
            let actions = (events["events"] as? [[String: Any]] ?? []).reversed().compactMap { $0["action"] as? String }
            #expect(actions == ["start", "promote_full", "complete"], "\(actions)")
            #expect(try await Self.infer(gateway).version == "v2")
            // Within the rollback window blue is back at once.
            let rollback = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/breast-cancer/rollback")
            #expect(rollback.status == 200, "\(rollback.text)")
            #expect(try await Self.infer(gateway).version == "v1")
        }
    }

    @Test("a pre-promotion metric check that fails blocks the switch, whatever the mirrored traffic says")
    func prePromotionMetricCheck() async throws {
        let prometheus = try await MetricCheckTests.prometheus(["v2": MetricCheckTests.vector(["0.97"]), "v1": MetricCheckTests.vector(["0.4"])])
        let directory = try TemporaryDirectory.make("bluegreen-checks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = """
                  strategy: bluegreen
                  active: v1
                  preview: v2
                  pre_promotion: { min_pairs: 20, max_latency_p99_ratio: 50, checks: [\(MetricCheckTests.gpuCheck(prometheus.url))] }
            """
        try await GatewayHarness.run(try Self.quickstart(release: release, directory: directory)) { gateway in
            // The analysis runs at post_promotion's interval (30 s by default) on the controllers' clock.
            #expect(try await gateway.tick(until: { try await Self.release(gateway)["phase"] as? String == "paused" }, rounds: 100, advancing: .seconds(10)))
            let reason = try await Self.release(gateway)["reason"] as? String ?? ""
            #expect(reason.contains("pre-promotion analysis of v2 failed") && reason.contains("gpu"), "\(reason)")
            let analysis = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/breast-cancer").json["analysis"] as? [String: Any]
            let checks = analysis?["checks"] as? [[String: Any]] ?? []
            #expect(checks.map { $0["name"] as? String } == ["pre_promotion", "gpu"])
            #expect(try await Self.infer(gateway).version == "v1")
        }
        try await prometheus.stop()
    }

    @Test("a failed smoke test blocks the switch and pauses the release with the reason")
    func failedSmokeBlocksTheSwitch() async throws {
        let directory = try TemporaryDirectory.make("bluegreen-smoke")
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = """
                  strategy: bluegreen
                  active: v1
                  preview: v2
                  smoke: [{ request: DIR/bad-smoke.json, expect_status: 200 }]
            """
        try await GatewayHarness.run(try Self.quickstart(release: release, directory: directory)) { gateway in
            #expect(try await gateway.tick(until: { try await Self.release(gateway)["phase"] as? String == "paused" }, rounds: 100))
            let reason = try await Self.release(gateway)["reason"] as? String ?? ""
            #expect(reason.contains("smoke tests failed") && reason.contains("status 400, expected 200"), "\(reason)")
            for _ in 0..<5 { #expect(try await Self.infer(gateway).version == "v1") }
        }
    }

    @Test("a green failing after the switch is switched back to blue at once")
    func failureAfterSwitchRollsBack() async throws {
        let blue = try await CanaryTests.server()
        let counter = NIOLockedValueBox(0)
        // Green passes its smoke test but fails a fifth of production traffic.
        let green = try await ScriptedModelServer.start { head, _ in
            if head.headers.first(name: "x-request-id")?.hasPrefix("smoke-") == true {
                return (200, ShadowTests.answer(probabilities: [0.7], labels: [1]))
            }
            let count = counter.withLockedValue { value -> Int in
                value += 1
                return value
            }
            return count % 5 == 0 ? (500, #"{"error":"broken"}"#) : (200, ShadowTests.answer(probabilities: [0.7], labels: [1]))
        }
        let directory = try TemporaryDirectory.make("bluegreen-fail")
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"inputs":[{"name":"x","datatype":"FP32","shape":[1,2],"data":[0.7,0]}]}"#.write(to: directory.appending(path: "smoke.json"), atomically: true, encoding: .utf8)
        let yaml = """
            models:
              m:
                protocol: v2
                versions:
                  v1: { upstream: ["\(blue.url)"], probe: false }
                  v2: { upstream: ["\(green.url)"], probe: false }
                release:
                  strategy: bluegreen
                  active: v1
                  preview: v2
                  smoke: [{ request: \(directory.path)/smoke.json }]
                  auto_promote: false
                  post_promotion: { window: 1h, interval: 200ms, min_requests: 50 }
            """
        try await GatewayHarness.run(yaml) { gateway in
            // Blue's traffic before the switch is the baseline of the checks after it.
            let before = try await CanaryTests.drive(gateway, requests: 200, seed: 1)
            #expect(before.byVersion == ["v1": 200])
            let promote = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
            #expect(promote.status == 200, "\(promote.text)")
            let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted"], rounds: 150)
            #expect(phase == "aborted")
            let state = try await CanaryTests.release(gateway)
            let reason = state["reason"] as? String ?? ""
            #expect(reason.contains("error rate"), "\(reason)")
            let after = try await CanaryTests.drive(gateway, requests: 40, seed: 3)
            #expect(after.byVersion == ["v1": 40] && after.failed == 0, "\(after.byVersion) \(after.failures)")
        }
        try await blue.stop()
        try await green.stop()
    }
}
