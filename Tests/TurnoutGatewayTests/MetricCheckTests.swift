import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOHTTP1
import Testing
@testable import TurnoutCore
import TurnoutStats
@testable import TurnoutGateway

/// Metric checks against real HTTP servers in the test process that answer like Prometheus'
/// `/api/v1/query` and like a web check: what each answer, failure and timeout comes to, and a
/// canary aborted or held by them.
@Suite("Metric checks")
struct MetricCheckTests {
    /// A Prometheus instant-query answer of one series per value (none: an empty vector).
    static func vector(_ values: [String]) -> String {
        let series = values.map { #"{"metric":{"__name__":"gpu_mem_used"},"value":[1700000000.5,"\#($0)"]}"# }
        return #"{"status":"success","data":{"resultType":"vector","result":[\#(series.joined(separator: ","))]}}"#
    }

    /// The query parameters of a request the server received.
    static func parameters(_ head: HTTPRequestHead) -> [String: String] {
        let items = URLComponents(string: "http://server\(head.uri)")?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    /// A Prometheus that answers `/api/v1/query` with the answer for the version its query names.
    static func prometheus(_ answers: [String: String]) async throws -> ScriptedModelServer {
        try await ScriptedModelServer.start { head, _ in
            guard head.uri.hasPrefix("/api/v1/query?") else { return (404, "{}") }
            let query = parameters(head)["query"] ?? ""
            for (version, answer) in answers where query.contains(#"version="\#(version)""#) { return (200, answer) }
            return (200, vector([]))
        }
    }

    static let context = MetricCheckContext(model: "m", stable: "v1", canary: "v2", step: 1, windowStart: 1_700_000_000, windowEnd: 1_700_000_060)

    static func check(_ yaml: String) throws -> MetricCheckSpec {
        var reader = ConfigReader()
        let checks = reader.readMetricChecks(try ConfigValue.parse(yaml: "[\(yaml)]"), at: "checks")
        #expect(reader.issues.isEmpty, "\(reader.issues)")
        return try #require(checks.first)
    }

    static func run(_ yaml: String) async throws -> RolloutAnalysis.Check {
        await MetricCheckRunner().run(try check(yaml), context: context)
    }

    /// A Prometheus check of the canary's GPU memory. Without a timeout of the test's own it
    /// gets a generous one: the default 5 s has passed on a loaded machine before the test
    /// server answered, which made a check meant to fail inconclusive.
    static func gpuCheck(_ url: String, condition: String = "fail_when: '> 0.9'", extra: String = "") -> String {
        let settings = extra.contains("timeout:") ? extra : extra + ", timeout: 60s"
        return #"{ name: gpu, prometheus: { url: "\#(url)", query: 'max(gpu_mem_used{version="{{version}}"})'\#(settings) }, \#(condition) }"#
    }

    @Test("the query names the version under test and is asked at the window's end; its value decides")
    func prometheusQuery() async throws {
        let server = try await Self.prometheus(["v2": Self.vector(["0.95"]), "v1": Self.vector(["0.5"])])
        let failed = try await Self.run(Self.gpuCheck(server.url))
        #expect(failed.verdict == "fail", "\(failed.summary)")
        #expect(failed.values == ["canary": 0.95])
        let request = try #require(server.requests.first)
        #expect(request.head.uri.hasPrefix("/api/v1/query?"))
        #expect(Self.parameters(request.head) == ["query": #"max(gpu_mem_used{version="v2"})"#, "time": "1700000060.000"])
        let passed = try await Self.run(Self.gpuCheck(server.url, condition: "fail_when: '> 0.99'"))
        #expect(passed.verdict == "pass", "\(passed.summary)")
        try await server.stop()
    }

    @Test("a range query asks for the analysed window at its step, and judges the reduced samples")
    func rangeQuery() async throws {
        let server = try await ScriptedModelServer.start { head, _ in
            guard head.uri.hasPrefix("/api/v1/query_range?") else { return (404, "{}") }
            return (200, #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1700000000,"0.5"],[1700000030,"0.95"],[1700000060,"0.6"]]}]}}"#)
        }
        let failed = try await Self.run(Self.gpuCheck(server.url, extra: ", step: 30s"))
        #expect(failed.verdict == "fail", "\(failed.summary)")
        #expect(failed.values == ["canary": 0.95])
        let request = try #require(server.requests.first)
        let parameters = Self.parameters(request.head)
        #expect(parameters["start"] == "1700000000.000" && parameters["end"] == "1700000060.000" && parameters["step"] == "30.000")
        let last = try await Self.run(Self.gpuCheck(server.url, extra: ", step: 30s, reduce: last"))
        #expect(last.verdict == "pass" && last.values == ["canary": 0.6])
        try await server.stop()
    }

    @Test("a comparison with stable queries both versions")
    func comparedWithStable() async throws {
        let server = try await Self.prometheus(["v2": Self.vector(["0.7"]), "v1": Self.vector(["0.5"])])
        let result = try await Self.run(Self.gpuCheck(server.url, condition: "fail_when: 'canary > stable * 1.2'"))
        #expect(result.verdict == "fail", "\(result.summary)")
        #expect(result.values == ["canary": 0.7, "stable": 0.5])
        #expect(server.requests.count == 2)
        let relaxed = try await Self.run(Self.gpuCheck(server.url, condition: "fail_when: 'canary > stable * 1.5'"))
        #expect(relaxed.verdict == "pass", "\(relaxed.summary)")
        try await server.stop()
    }

    @Test("an empty vector and NaN follow no_data", arguments: MetricCheckSpec.NoData.allCases)
    func noData(setting: MetricCheckSpec.NoData) async throws {
        for answer in [Self.vector([]), Self.vector(["NaN"])] {
            let server = try await Self.prometheus(["v2": answer])
            let result = try await Self.run(Self.gpuCheck(server.url, condition: "fail_when: '> 0.9', no_data: \(setting.rawValue)"))
            #expect(result.verdict == setting.rawValue, "\(result.summary)")
            try await server.stop()
        }
    }

    @Test("an error answer, a 503, several series and a page that is not JSON are inconclusive, even with no_data: pass", arguments: [
        (400, #"{"status":"error","errorType":"bad_data","error":"parse error"}"#, "HTTP 400, Prometheus: bad_data: parse error"),
        (503, "<html>unavailable</html>", "Prometheus answered HTTP 503"),
        (200, vector(["0.1", "0.2"]), "ambiguous: 2 series"),
        (200, "<html>login</html>", "not Prometheus' JSON"),
    ])
    func unusableAnswers(status: Int, body: String, reason: String) async throws {
        let server = try await ScriptedModelServer.start { _, _ in (status, body) }
        let result = try await Self.run(Self.gpuCheck(server.url, condition: "fail_when: '> 0.9', no_data: pass"))
        #expect(result.verdict == "inconclusive")
        #expect(result.summary.contains(reason), "\(result.summary)")
        try await server.stop()
    }

    @Test("an unreachable Prometheus is inconclusive, not a pass")
    func unreachable() async throws {
        let server = try await ScriptedModelServer.start { _, _ in (200, "{}") }
        let url = server.url
        try await server.stop()
        // A short timeout: the HTTP client retries a refused connection until it runs out.
        let result = try await Self.run(Self.gpuCheck(url, condition: "pass_when: '< 0.9', no_data: pass", extra: ", timeout: 500ms"))
        #expect(result.verdict == "inconclusive")
        #expect(result.summary.contains(url), "\(result.summary)")
    }

    @Test("a provider that answers after its timeout is inconclusive, not a pass")
    func timeout() async throws {
        let release = AsyncStream<Void>.makeStream()
        let server = try await ScriptedModelServer.start { _, _ in
            // Held until the test has its verdict, so the answer always comes after the timeout.
            for await _ in release.stream { break }
            return (200, Self.vector(["0.1"]))
        }
        let result = try await Self.run(Self.gpuCheck(server.url, condition: "pass_when: '< 0.9', no_data: pass", extra: ", timeout: 100ms"))
        #expect(result.verdict == "inconclusive")
        #expect(result.summary.contains("no answer within 0.1s"), "\(result.summary)")
        release.continuation.finish()
        try await server.stop()
    }

    @Test("a web check reads its value at the JSON path", arguments: [
        (#"{"result":{"ok":true}}"#, "pass"), (#"{"result":{"ok":false}}"#, "fail"), (#"{"result":{}}"#, "inconclusive"), ("oops", "inconclusive"),
    ])
    func webCheck(body: String, verdict: String) async throws {
        let server = try await ScriptedModelServer.start { _, _ in (200, body) }
        let check = #"{ name: quality, web: { url: "\#(server.url)/check?version={{version}}&model={{model}}", json_path: $.result.ok }, pass_when: "== true" }"#
        let result = try await Self.run(check)
        #expect(result.verdict == verdict, "\(result.summary)")
        #expect(server.requests.first?.head.uri == "/check?version=v2&model=m")
        try await server.stop()
    }

    @Test("a web check answering another status than 200 is inconclusive")
    func webStatus() async throws {
        let server = try await ScriptedModelServer.start { _, _ in (500, #"{"ok":true}"#) }
        let result = try await Self.run(#"{ name: quality, web: { url: "\#(server.url)/check", json_path: $.ok }, pass_when: "== true" }"#)
        #expect(result.verdict == "inconclusive")
        #expect(result.summary.contains("HTTP 500"), "\(result.summary)")
        try await server.stop()
    }

    static func canaryRelease(_ checks: String, analysis: String = "interval: 200ms, min_requests: 30") -> String {
        "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 30, pause: 1h}, {weight: 100}], analysis: { \(analysis), checks: [\(checks)] } }"
    }

    @Test("a canary whose GPU memory crosses the threshold is aborted, with the check's numbers in the analysis")
    func canaryAbortedByPrometheus() async throws {
        let prometheus = try await Self.prometheus(["v2": Self.vector(["0.97"]), "v1": Self.vector(["0.4"])])
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let config = CanaryTests.config(stable: stable.url, canary: canary.url, release: Self.canaryRelease(Self.gpuCheck(prometheus.url)))
        try await GatewayHarness.run(config) { gateway in
            let (traffic, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
            #expect(phase == "aborted")
            #expect(traffic.failed == 0, "\(traffic.failures)")
            let abort = try await CanaryTests.events(gateway).last
            #expect(abort?["action"] as? String == "abort")
            let reason = abort?["reason"] as? String ?? ""
            #expect(reason.contains("gpu"), "\(reason)")
            let analysis = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json["analysis"] as? [String: Any]
            let checks = analysis?["checks"] as? [[String: Any]] ?? []
            #expect(checks.map { $0["name"] as? String } == ["error_rate", "latency", "gpu"])
            let gpu = checks.last
            #expect(gpu?["verdict"] as? String == "fail")
            #expect((gpu?["values"] as? [String: Any])?["canary"] as? Double == 0.97)
        }
        try await prometheus.stop()
        try await stable.stop()
        try await canary.stop()
    }

    @Test("a canary whose Prometheus cannot be reached is never promoted: it pauses as inconclusive")
    func canaryHeldByUnreachablePrometheus() async throws {
        let gone = try await ScriptedModelServer.start { _, _ in (200, "{}") }
        let url = gone.url
        try await gone.stop()
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let release = Self.canaryRelease(
            Self.gpuCheck(url, condition: "fail_when: '> 0.9', no_data: pass", extra: ", timeout: 500ms"), analysis: "interval: 200ms, min_requests: 30, step_timeout: 2s"
        ).replacingOccurrences(of: "pause: 1h", with: "pause: 0")
        try await GatewayHarness.run(CanaryTests.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
            #expect(phase == "paused")
            let state = try await CanaryTests.release(gateway)
            #expect(state["step"] as? Int == 0)
            let reason = state["reason"] as? String ?? ""
            #expect(reason.contains("inconclusive"), "\(reason)")
        }
        try await stable.stop()
        try await canary.stop()
    }
}
