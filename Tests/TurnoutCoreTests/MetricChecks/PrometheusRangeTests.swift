import Foundation
import Testing
@testable import TurnoutCore

/// Prometheus range queries: a `matrix` answer (shape from Prometheus' HTTP API documentation)
/// reduced to one value, and the `step` and `reduce` settings.
@Suite("Prometheus range queries")
struct PrometheusRangeTests {
    static func matrix(_ series: [[String]]) -> [UInt8] {
        let result = series.enumerated().map { index, values in
            let samples = values.enumerated().map { #"[\#(1435781430 + $0.offset * 15),"\#($0.element)"]"# }.joined(separator: ",")
            return #"{"metric":{"__name__":"gpu_mem_used","instance":"host\#(index)"},"values":[\#(samples)]}"#
        }
        return Array(#"{"status":"success","data":{"resultType":"matrix","result":[\#(result.joined(separator: ","))]}}"#.utf8)
    }

    @Test("one series' samples are reduced; NaN samples are left out", arguments: [
        (MetricProvider.Prometheus.Reduction.max, 0.9), (.min, 0.2), (.avg, 0.5), (.last, 0.4),
    ])
    func reduced(reduce: MetricProvider.Prometheus.Reduction, value: Double) {
        #expect(PrometheusAnswer.reading(Self.matrix([["0.2", "0.9", "NaN", "0.5", "0.4"]]), reduce: reduce) == .value(value))
    }

    @Test("only NaN, no series, several series, a bad sample, or a matrix for an instant query")
    func unusable() {
        #expect(PrometheusAnswer.reading(Self.matrix([["NaN", "NaN"]]), reduce: .max) == .noData(reason: "no sample in the window is a number"))
        #expect(PrometheusAnswer.reading(Self.matrix([]), reduce: .max) == .noData(reason: "the query returned an empty matrix"))
        #expect(PrometheusAnswer.reading(Self.matrix([["1"], ["2"]]), reduce: .max)
            == .unavailable(reason: "ambiguous: 2 series; aggregate them in the query, such as max(...)"))
        #expect(PrometheusAnswer.reading(Self.matrix([["1", "high"]]), reduce: .max) == .unavailable(reason: "the sample value \"high\" is not a number"))
        #expect(PrometheusAnswer.reading(Self.matrix([["1"]])) == .unavailable(reason: "a matrix result; the check needs an instant vector or a scalar"))
    }

    static func check(_ prometheus: String) throws -> (checks: [MetricCheckSpec], issues: [String]) {
        var reader = ConfigReader()
        let checks = reader.readMetricChecks(try ConfigValue.parse(yaml: "[{ name: gpu, prometheus: \(prometheus), fail_when: '> 0.9' }]"), at: "checks")
        return (checks, reader.issues.map(\.description))
    }

    static func range(_ check: MetricCheckSpec) -> MetricProvider.Prometheus.Range? {
        guard case .prometheus(let prometheus) = check.provider else { return nil }
        return prometheus.range
    }

    @Test("step makes a range query, reduced by max unless reduce says otherwise; its forms keep it")
    func settings() throws {
        let read = try Self.check("{url: 'http://p:9090', query: up, step: 30s, reduce: avg}")
        #expect(read.issues == [])
        let check = try #require(read.checks.first)
        #expect(Self.range(check) == MetricProvider.Prometheus.Range(step: 30, reduce: .avg))
        let defaulted = try #require(try Self.check("{url: 'http://p:9090', query: up, step: 1m}").checks.first)
        #expect(Self.range(defaulted) == MetricProvider.Prometheus.Range(step: 60, reduce: .max))
        #expect(try JSONDecoder().decode(MetricCheckSpec.self, from: JSONEncoder().encode(check)) == check)
        #expect(check.configJSON.contains(#""step":"30s","reduce":"avg""#), "\(check.configJSON)")
        let instant = try #require(try Self.check("{url: 'http://p:9090', query: up}").checks.first)
        let stored = String(decoding: try JSONEncoder().encode(instant), as: UTF8.self)
        #expect(!stored.contains("step") && !instant.configJSON.contains("step"))
    }

    @Test("reduce without step, and unknown reductions, are refused")
    func refused() throws {
        #expect(try Self.check("{url: 'http://p:9090', query: up, reduce: max}").issues == ["checks[0].prometheus.reduce: reduce applies to a range query: set step too, such as step: 30s"])
        #expect(try Self.check("{url: 'http://p:9090', query: up, step: 30s, reduce: p99}").issues == ["checks[0].prometheus.reduce: expected one of max, min, avg, last, got \"p99\""])
    }
}
