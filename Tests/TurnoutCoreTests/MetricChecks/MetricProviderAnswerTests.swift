import Testing
import TurnoutCore

/// Prometheus' `/api/v1/query` answers (shapes from its HTTP API documentation) and web
/// check answers, read into the values a condition judges.
@Suite("Metric provider answers")
struct MetricProviderAnswerTests {
    static func prometheus(_ json: String) -> MetricReading {
        PrometheusAnswer.reading(Array(json.utf8))
    }

    static func vector(_ values: [String]) -> String {
        let series = values.enumerated().map { index, value in
            #"{"metric":{"__name__":"gpu_mem_used","instance":"host\#(index):9100","version":"v2"},"value":[1435781451.781,"\#(value)"]}"#
        }
        return #"{"status":"success","data":{"resultType":"vector","result":[\#(series.joined(separator: ","))]}}"#
    }

    @Test("a vector of one series is its value, special values included", arguments: [
        ("0.93", 0.93), ("1", 1), ("+Inf", Double.infinity), ("-Inf", -Double.infinity), ("1e-3", 0.001),
    ])
    func oneSeries(text: String, value: Double) {
        #expect(Self.prometheus(Self.vector([text])) == .value(value))
    }

    @Test("NaN is read as NaN, which the condition judges as no data")
    func nan() {
        guard case .value(let value) = Self.prometheus(Self.vector(["NaN"])) else {
            Issue.record("NaN was not read as a value")
            return
        }
        #expect(value.isNaN)
    }

    @Test("an empty vector is no data")
    func emptyVector() {
        #expect(Self.prometheus(Self.vector([])) == .noData(reason: "the query returned an empty vector"))
    }

    @Test("several series are ambiguous: unavailable, never one of them picked")
    func severalSeries() {
        #expect(Self.prometheus(Self.vector(["0.1", "0.99"])) == .unavailable(reason: "ambiguous: 2 series; aggregate them in the query, such as max(...)"))
    }

    @Test("a scalar is its value")
    func scalar() {
        #expect(Self.prometheus(#"{"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"42.5"]}}"#) == .value(42.5))
    }

    @Test("an error answer is unavailable with Prometheus' message")
    func error() {
        let answer = #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected end of input"}"#
        #expect(Self.prometheus(answer) == .unavailable(reason: #"Prometheus: bad_data: invalid parameter "query": 1:5: parse error: unexpected end of input"#))
    }

    @Test("other results and other documents are unavailable", arguments: [
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1435781430.781,"1"]]}]}}"#,
        #"{"status":"success","data":{"resultType":"string","result":[1435781451.781,"hello"]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1435781451.781,0.5]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1435781451.781,"lots"]}]}}"#,
        #"{"status":"success"}"#,
        #"{"data":{}}"#,
        "<html>502 Bad Gateway</html>",
        "",
    ])
    func unreadable(json: String) {
        guard case .unavailable = Self.prometheus(json) else {
            Issue.record("\(json) was read as \(Self.prometheus(json))")
            return
        }
    }

    static func web(_ json: String, _ path: String) throws -> MetricReading {
        WebCheckAnswer.reading(Array(json.utf8), at: try MetricJSONPath(parsing: path))
    }

    @Test("a web answer's value at the path: numbers, booleans as 1 and 0, numeric strings", arguments: [
        (#"{"ok":true}"#, "$.ok", 1.0),
        (#"{"ok":false}"#, "$.ok", 0),
        (#"{"a":{"b":[{"c":0.25},{"c":7}]}}"#, "$.a.b[1].c", 7),
        (#"{"a":{"b c":3}}"#, #"$.a["b c"]"#, 3),
        (#"{"a":{"b":3}}"#, "$['a'].b", 3),
        ("12.5", "$", 12.5),
        (#"[1,2,3]"#, "$[2]", 3),
        (#"{"score":" 0.8 "}"#, "$.score", 0.8),
    ])
    func webValues(json: String, path: String, value: Double) throws {
        #expect(try Self.web(json, path) == .value(value))
    }

    @Test("nothing at the path, or null, is no data")
    func webNoData() throws {
        #expect(try Self.web(#"{"ok":true}"#, "$.missing") == .noData(reason: "nothing at $.missing"))
        #expect(try Self.web(#"{"a":[1]}"#, "$.a[3]") == .noData(reason: "nothing at $.a[3]"))
        #expect(try Self.web(#"{"ok":null}"#, "$.ok") == .noData(reason: "null at $.ok"))
    }

    @Test("an answer that is not JSON, or a value that is not a number, is unavailable", arguments: [
        ("not json", "$"), (#"{"ok":"yes"}"#, "$.ok"), (#"{"ok":[1]}"#, "$.ok"), (#"{"ok":{"v":1}}"#, "$.ok"),
    ])
    func webUnreadable(json: String, path: String) throws {
        guard case .unavailable = try Self.web(json, path) else {
            Issue.record("\(json) at \(path) was read as a value")
            return
        }
    }

    @Test("a JSON path that cannot be read says why", arguments: ["ok", "$.", "$[x]", "$[0", "$..a", "$.a b", "$[-1]"])
    func badPaths(path: String) {
        #expect(throws: MetricJSONPath.SyntaxError.self) { try MetricJSONPath(parsing: path) }
    }
}
