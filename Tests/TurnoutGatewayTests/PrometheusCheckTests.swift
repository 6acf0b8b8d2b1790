import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import TurnoutCore
@testable import TurnoutGateway

/// Metric checks against a real Prometheus (``TestPrometheus``) that scrapes a running gateway's
/// own `/metrics` and a small exporter whose per-version gauges the test sets: the answers a
/// real Prometheus gives for a gauge over a threshold, NaN, an empty vector and no samples in a
/// window, and for no Prometheus at all.
@Suite("Metric checks against a real Prometheus", .enabled(if: TestPrometheus.isRequested, TestPrometheus.skipMessage))
struct PrometheusCheckTests {
    /// An exporter of one gauge, `gpu_mem_used{version=...}`, whose values the test sets
    /// (Prometheus' text format, so `NaN` is a value like any other).
    final class GaugeExporter: Sendable {
        let server: ScriptedModelServer
        let values: NIOLockedValueBox<[String: String]>
        var target: String { "127.0.0.1:\(server.port)" }

        init(_ values: [String: String]) async throws {
            let box = NIOLockedValueBox(values)
            self.values = box
            server = try await ScriptedModelServer.start { head, _ in
                guard head.uri == "/metrics" else { return (404, "") }
                let lines = box.withLockedValue { $0 }.sorted { $0.key < $1.key }.map { #"gpu_mem_used{version="\#($0.key)"} \#($0.value)"# }
                return (200, (["# TYPE gpu_mem_used gauge"] + lines).joined(separator: "\n") + "\n")
            }
        }

        func set(_ version: String, _ value: String) {
            values.withLockedValue { $0[version] = value }
        }
    }

    static let gpuQuery = #"max(gpu_mem_used{version="{{version}}"})"#

    /// A check of `query` on `prometheus` (the query's text in single quotes).
    static func check(_ prometheus: String, query: String = gpuQuery, condition: String, extra: String = "") -> String {
        #"{ name: gpu, prometheus: { url: "\#(prometheus)", query: '\#(query)'\#(extra) }, \#(condition) }"#
    }

    /// Runs one check now, the canary being `canary`, over the last 30 seconds.
    static func run(_ yaml: String, canary: String = "v2") async throws -> RolloutAnalysis.Check {
        let now = Date().timeIntervalSince1970
        let context = MetricCheckContext(model: "m", stable: "v1", canary: canary, step: 1, windowStart: now - 30, windowEnd: now)
        return await MetricCheckRunner().run(try MetricCheckTests.check(yaml), context: context)
    }

    static func checks(_ gateway: GatewayHarness) async throws -> [String: [String: Any]] {
        let analysis = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json["analysis"] as? [String: Any]
        let checks = analysis?["checks"] as? [[String: Any]] ?? []
        return Dictionary(checks.compactMap { check in (check["name"] as? String).map { ($0, check) } }, uniquingKeysWith: { $1 })
    }

    @Test("a canary whose GPU memory gauge crosses the threshold is aborted, judged beside Turnout's own request count")
    func canaryAbortedWhenGaugeCrosses() async throws {
        let exporter = try await GaugeExporter(["v1": "0.4", "v2": "0.5"])
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await TestPrometheus.with { prometheus in
            let served = #"sum(turnout_requests_total{model="m",version="{{version}}",code="200"})"#
            let checks = [
                Self.check(prometheus.url, condition: "fail_when: '> 0.9'"),
                #"{ name: served, prometheus: { url: "\#(prometheus.url)", query: '\#(served)' }, pass_when: '> 0' }"#,
            ].joined(separator: ", ")
            // Only the metric checks decide here: latency on a loaded machine must not abort first.
            let release = MetricCheckTests.canaryRelease(checks, analysis: "interval: 300ms, min_requests: 30, latency_p99_increase: 100")
            try await GatewayHarness.run(CanaryTests.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
                try await prometheus.scrape([exporter.target, "127.0.0.1:\(gateway.adminPort)"])
                // Below the threshold, and once Prometheus has scraped the canary's requests from
                // the gateway, both checks pass.
                var round = 0
                try await ReloadTests.eventually(timeout: .seconds(300)) {
                    _ = try await CanaryTests.drive(gateway, requests: 50, seed: round)
                    round += 1
                    await gateway.tick()
                    let checks = try await Self.checks(gateway)
                    return checks["gpu"]?["verdict"] as? String == "pass" && checks["served"]?["verdict"] as? String == "pass"
                }
                #expect(try await CanaryTests.release(gateway)["phase"] as? String == "progressing")
                let served = try #require(try await Self.checks(gateway)["served"]?["values"] as? [String: Any])
                #expect((served["canary"] as? Double ?? 0) > 0, "\(served)")

                exporter.set("v2", "0.97")
                let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
                #expect(phase == "aborted")
                let abort = try await CanaryTests.events(gateway).last
                #expect(abort?["action"] as? String == "abort")
                let reason = abort?["reason"] as? String ?? ""
                #expect(reason.contains("gpu"), "\(reason)")
                let gpu = try await Self.checks(gateway)["gpu"]
                #expect(gpu?["verdict"] as? String == "fail")
                #expect((gpu?["values"] as? [String: Any])?["canary"] as? Double == 0.97)
            }
        }
        for server in [exporter.server, stable, canary] { try await server.stop() }
    }

    @Test("an A/B test whose variant's GPU memory gauge crosses its guardrail is stopped, all traffic back to control")
    func abtestGuardrail() async throws {
        let exporter = try await GaugeExporter(["v1": "0.4", "v2": "0.5"])
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await TestPrometheus.with { prometheus in
            try await prometheus.scrape([exporter.target])
            let config = ABTestGuardrailTests.config(stable: stable.url, canary: canary.url, prometheus: prometheus.url)
            try await GatewayHarness.run(config) { gateway in
                var round = 0
                try await ReloadTests.eventually(timeout: .seconds(120)) {
                    _ = try await CanaryTests.drive(gateway, requests: 40, seed: round)
                    round += 1
                    await gateway.tick()
                    return try await Self.checks(gateway)["gpu"]?["verdict"] as? String == "pass"
                }
                #expect(try await CanaryTests.release(gateway)["phase"] as? String == "progressing")
                exporter.set("v2", "0.97")
                let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
                #expect(phase == "aborted")
                let reason = try await CanaryTests.events(gateway).last?["reason"] as? String ?? ""
                #expect(reason.contains("guardrail failed: gpu") && reason.contains("0.97"), "\(reason)")
                let after = try await CanaryTests.drive(gateway, requests: 100, seed: 77)
                #expect(after.byVersion == ["v1": after.sent], "\(after.byVersion)")
            }
        }
        for server in [exporter.server, stable, canary] { try await server.stop() }
    }

    @Test("Turnout's own request count, as Prometheus scraped it, is what the check reads")
    func ownMetricsScraped() async throws {
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await TestPrometheus.with { prometheus in
            let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 50, pause: 1h}, {weight: 100}], analysis: { interval: 1h } }"
            try await GatewayHarness.run(CanaryTests.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
                try await prometheus.scrape(["127.0.0.1:\(gateway.adminPort)"])
                let traffic = try await CanaryTests.drive(gateway, requests: 120, seed: 1)
                let served = try #require(traffic.byVersion["v2"])
                let check = #"{ name: served, prometheus: { url: "\#(prometheus.url)", query: 'sum(turnout_requests_total{model="m",version="{{version}}"})' }, pass_when: '> 0' }"#
                var last: RolloutAnalysis.Check?
                try await ReloadTests.eventually(timeout: .seconds(120)) {
                    last = try await Self.run(check)
                    return last?.values["canary"] == Double(served)
                }
                #expect(last?.verdict == "pass", "\(last?.summary ?? "")")
            }
        }
        try await stable.stop()
        try await canary.stop()
    }

    /// Answers of a real Prometheus that hold no value: a NaN sample, an empty vector (a version
    /// with no series), `scalar()` of nothing (a NaN scalar), and a range query over a window
    /// with no samples (an empty matrix).
    static let noValueQueries: [(label: String, canary: String, query: String, extra: String)] = [
        ("NaN sample", "v3", gpuQuery, ""),
        ("empty vector", "v9", gpuQuery, ""),
        ("NaN scalar", "v9", #"scalar(gpu_mem_used{version="{{version}}"})"#, ""),
        ("empty matrix", "v9", gpuQuery, ", step: 5s"),
    ]

    @Test("NaN, an empty vector and no data follow no_data", arguments: MetricCheckSpec.NoData.allCases)
    func noDataFollowsSetting(setting: MetricCheckSpec.NoData) async throws {
        let exporter = try await GaugeExporter(["v1": "0.4", "v2": "0.5", "v3": "NaN"])
        try await TestPrometheus.with { prometheus in
            try await prometheus.scrape([exporter.target])
            // A real value first: the same query, the same Prometheus, a verdict from its number.
            let valued = try await Self.run(Self.check(prometheus.url, condition: "fail_when: '> 0.9', no_data: \(setting.rawValue)"))
            #expect(valued.verdict == "pass" && valued.values == ["canary": 0.5], "\(valued.summary)")
            for (label, canary, query, extra) in Self.noValueQueries {
                let check = Self.check(prometheus.url, query: query, condition: "fail_when: '> 0.9', no_data: \(setting.rawValue)", extra: extra)
                let result = try await Self.run(check, canary: canary)
                #expect(result.verdict == setting.rawValue, "\(label): \(result.summary)")
                #expect(result.values["canary"] == nil, "\(label): \(result.values)")
            }
        }
        try await exporter.server.stop()
    }

    @Test("an unreachable Prometheus is inconclusive, not a pass, even with no_data: pass")
    func unreachableIsInconclusive() async throws {
        let exporter = try await GaugeExporter(["v2": "0.5"])
        let check = try await TestPrometheus.with { prometheus in
            try await prometheus.scrape([exporter.target])
            let check = Self.check(prometheus.url, condition: "pass_when: '< 0.9', no_data: pass", extra: ", timeout: 2s")
            let reachable = try await Self.run(check)
            #expect(reachable.verdict == "pass", "\(reachable.summary)")
            prometheus.kill()
            let gone = try await Self.run(check)
            #expect(gone.verdict == "inconclusive")
            #expect(gone.summary.contains(prometheus.url), "\(gone.summary)")
            #expect(gone.values.isEmpty)
            return check
        }
        // The directory and process are gone for good: still inconclusive.
        #expect(try await Self.run(check).verdict == "inconclusive")
        try await exporter.server.stop()
    }
}
