import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import TurnoutCore
@testable import TurnoutGateway

/// The newest analysis of a release on `/metrics`: one `turnout_analysis_check` series per
/// check, labelled with its verdict, and every number behind it as `turnout_analysis_value`.
@Suite("Analysis metrics")
struct AnalysisMetricsTests {
    /// The line of `series` in Prometheus text, without the value; `nil` when absent.
    static func value(_ text: String, _ series: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.map { String($0.dropFirst(series.count + 1)) }
    }

    @Test("a check's verdict and value follow the newest analysis; the series of the old verdict goes away")
    func followsTheNewestAnalysis() async throws {
        let gpu = NIOLockedValueBox("0.5")
        let prometheus = try await ScriptedModelServer.start { head, _ in
            let query = MetricCheckTests.parameters(head)["query"] ?? ""
            return (200, MetricCheckTests.vector([query.contains(#"version="v2""#) ? gpu.withLockedValue { $0 } : "0.4"]))
        }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let config = CanaryTests.config(stable: stable.url, canary: canary.url, release: MetricCheckTests.canaryRelease(MetricCheckTests.gpuCheck(prometheus.url)))
        try await GatewayHarness.run(config) { gateway in
            func metrics() async throws -> String { try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/metrics").text }
            let passing = #"turnout_analysis_check{model="m",check="gpu",verdict="pass"}"#
            let failing = #"turnout_analysis_check{model="m",check="gpu",verdict="fail"}"#
            var analysed = false
            for round in 0..<300 where !analysed {
                _ = try await CanaryTests.drive(gateway, requests: 50, seed: round)
                await gateway.tick()
                analysed = Self.value(try await metrics(), passing) != nil
            }
            var text = try await metrics()
            #expect(Self.value(text, passing) == "0.5", "\(text)")
            #expect(Self.value(text, #"turnout_analysis_value{model="m",check="gpu",value="canary"}"#) == "0.5")
            let builtIn = text.split(separator: "\n").filter { $0.hasPrefix(#"turnout_analysis_check{model="m",check="error_rate","#) }
            #expect(builtIn.count == 1 && builtIn.first?.lowercased().hasSuffix(" nan") == true, "\(builtIn)")
            #expect(Self.value(text, #"turnout_analysis_value{model="m",check="error_rate",value="min_requests"}"#) == "30.0")
            gpu.withLockedValue { $0 = "0.97" }
            let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted"])
            #expect(phase == "aborted")
            text = try await metrics()
            #expect(Self.value(text, failing) == "0.97", "\(text)")
            #expect(Self.value(text, passing) == nil)
        }
        for server in [prometheus, stable, canary] { try await server.stop() }
    }
}
