import Foundation
import Testing
@testable import TurnoutCore

/// The `checks` of a canary analysis: reading them, refusing mistakes with one line each,
/// the document form, stored releases, and the templates.
@Suite("Metric check configuration")
struct MetricCheckConfigurationTests {
    static let release = ReleaseReaderHarness.path

    static let twoChecks = """
        strategy: canary
        stable: v1
        canary: v2
        steps: [10]
        analysis:
          checks:
            - name: gpu-memory
              prometheus: {url: "http://127.0.0.1:9090", query: 'max(gpu_mem_used{version="{{version}}"})'}
              fail_when: "> 0.9"
              no_data: fail
            - name: data-quality
              web: {url: "http://quality.local/check?version={{ version }}&step={{step}}", json_path: $.ok, timeout: 5s}
              pass_when: "== true"
        """

    @Test("both providers are read with their settings and defaults")
    func twoProviders() throws {
        let read = try ReleaseReaderHarness.canary(Self.twoChecks)
        #expect(read.issues == [])
        let checks = try #require(read.spec).analysis.checks
        #expect(checks.map(\.name) == ["gpu-memory", "data-quality"])
        guard case .prometheus(let prometheus) = checks[0].provider, case .web(let web) = checks[1].provider else {
            Issue.record("wrong providers: \(checks.map(\.provider))")
            return
        }
        #expect(prometheus.url.source == "http://127.0.0.1:9090" && prometheus.timeout == 10)
        #expect(checks[0].condition.kind == .failWhen && checks[0].noData == .fail)
        #expect(web.jsonPath.source == "$.ok" && web.timeout == 5)
        #expect(checks[1].condition.kind == .passWhen && checks[1].noData == .inconclusive)
        let context = MetricCheckContext(model: "m", stable: "v1", canary: "v2", step: 3, windowStart: 100.7, windowEnd: 160.2)
        #expect(prometheus.query.rendered(context) == #"max(gpu_mem_used{version="v2"})"#)
        #expect(prometheus.query.rendered(context.forStable) == #"max(gpu_mem_used{version="v1"})"#)
        #expect(web.url.rendered(context) == "http://quality.local/check?version=v2&step=3")
    }

    @Test("every template variable is filled in; times are whole unix seconds")
    func templateVariables() throws {
        let template = try MetricTemplate(parsing: "{{model}}/{{version}}/{{stable}}/{{canary}}/{{step}}/{{window_start}}/{{window_end}}")
        let context = MetricCheckContext(model: "iris", stable: "v1", canary: "v2", step: 2, windowStart: 1_700_000_000.9, windowEnd: 1_700_000_060)
        #expect(template.rendered(context) == "iris/v2/v1/v2/2/1700000000/1700000060")
        #expect(template.rendered(context) { "<\($0)>" } == "<iris>/<v2>/<v1>/<v2>/<2>/<1700000000>/<1700000060>")
    }

    static func refusedCheck(_ check: String) -> String {
        "{ stable: v1, canary: v2, steps: [10], analysis: { checks: [\(check)] } }"
    }

    static let checkPath = "\(release).analysis.checks[0]"
    static let prometheus = #"prometheus: {url: "http://p:9090", query: up}"#

    static let refused: [(String, String)] = [
        ("{ name: a, \(prometheus), fail_when: '> 1', every: 30s }", "\(checkPath).every: unknown key (valid keys: name, prometheus, web, fail_when, pass_when, no_data)"),
        ("{ name: a, fail_when: '> 1' }", "\(checkPath).prometheus: missing: a provider, prometheus: {url, query} or web: {url, json_path}"),
        (
            "{ name: a, \(prometheus), web: {url: 'http://w'}, fail_when: '> 1' }",
            "\(checkPath).web: a check has one provider: prometheus or web, not both"
        ),
        ("{ name: a, \(prometheus) }", "\(checkPath).fail_when: missing: a condition, fail_when such as \"> 0.9\" or pass_when such as \"== true\""),
        ("{ name: a, \(prometheus), fail_when: '> 1', pass_when: '< 1' }", "\(checkPath).pass_when: a check has one condition: fail_when or pass_when, not both"),
        ("{ name: a, \(prometheus), fail_when: 0.9 }", "\(checkPath).fail_when: expected a condition in quotes such as \"> 0.9\", got a number"),
        ("{ name: a, \(prometheus), fail_when: '>> 1' }", "\(checkPath).fail_when: expected a number, true, false, canary, stable or (, got \">\", in \">> 1\""),
        (
            "{ name: a, prometheus: {url: 'ftp://p', query: up}, fail_when: '> 1' }",
            "\(checkPath).prometheus.url: expected an http:// or https:// URL with a host, got \"ftp://p\""
        ),
        (
            "{ name: a, prometheus: {url: 'http://p', query: 'up{v=\"{{ver}}\"}'}, fail_when: '> 1' }",
            "\(checkPath).prometheus.query: unknown variable {{ver}} (variables: model, version, stable, canary, step, window_start, window_end)"
        ),
        ("{ name: a, prometheus: {url: 'http://p'}, fail_when: '> 1' }", "\(checkPath).prometheus.query: missing: the PromQL query, such as 'max(gpu_mem_used{version=\"{{version}}\"})'"),
        ("{ name: a, prometheus: {url: 'http://p', query: up, range: 1m}, fail_when: '> 1' }", "\(checkPath).prometheus.range: unknown key (valid keys: url, query, timeout, step, reduce)"),
        ("{ name: a, web: {url: 'http://w', json_path: ok}, pass_when: '== true' }", "\(checkPath).web.json_path: a path starts with $, such as $.ok or $.data[0].value"),
        (
            "{ name: a, web: {url: 'http://w', timeout: 0s}, pass_when: '== true' }",
            "\(checkPath).web.timeout: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"0s\""
        ),
        ("{ name: a, \(prometheus), fail_when: '> 1', no_data: ignore }", "\(checkPath).no_data: expected one of inconclusive, pass, fail, got \"ignore\""),
        ("{ \(prometheus), fail_when: '> 1' }", "\(checkPath).name: missing: the check's name, such as gpu-memory"),
        ("{ name: latency, \(prometheus), fail_when: '> 1' }", "\(checkPath).name: latency is a built-in check's name"),
        ("{ name: 'a b', \(prometheus), fail_when: '> 1' }", "\(checkPath).name: expected a name of letters, digits, - _ and . (at most 64), got \"a b\""),
    ]

    @Test("each problem of a check is refused with one line naming its key path", arguments: refused)
    func problems(check: String, line: String) throws {
        let read = try ReleaseReaderHarness.canary(Self.refusedCheck(check))
        #expect(read.spec == nil)
        #expect(read.issues == [line])
    }

    @Test("two checks may not share a name")
    func duplicateNames() throws {
        let check = "{ name: a, \(Self.prometheus), fail_when: '> 1' }"
        let read = try ReleaseReaderHarness.canary(Self.refusedCheck("\(check), \(check)"))
        #expect(read.issues == ["\(Self.release).analysis.checks[1].name: another check is named a"])
    }

    @Test("checks are read in rolling and blue-green post-promotion analyses too")
    func otherStrategies() throws {
        let checks = "checks: [{ name: a, \(Self.prometheus), fail_when: '> 1' }]"
        let rolling = try ReleaseReaderHarness.rolling("{ strategy: rolling, from: v1, to: v2, analysis: { \(checks) } }")
        #expect(rolling.spec?.analysis?.checks.map(\.name) == ["a"], "\(rolling.issues)")
        let blueGreen = try ReleaseReaderHarness.blueGreen("{ strategy: bluegreen, active: v1, preview: v2, post_promotion: { window: 5m, \(checks) } }")
        #expect(blueGreen.spec?.postPromotion.analysis.checks.map(\.name) == ["a"], "\(blueGreen.issues)")
    }

    @Test("a blue-green pre-promotion analysis takes checks; its JSON and stored forms keep them, and leave them out when there are none")
    func prePromotionChecks() throws {
        let checks = "checks: [{ name: a, \(Self.prometheus), fail_when: '> 1' }]"
        let read = try ReleaseReaderHarness.blueGreen("{ strategy: bluegreen, active: v1, preview: v2, pre_promotion: { min_pairs: 10, \(checks) } }")
        let spec = try #require(read.spec, "\(read.issues)")
        #expect(spec.prePromotion?.checks.map(\.name) == ["a"])
        #expect(try ReleaseReaderHarness.blueGreen(spec.configJSON).spec == spec)
        let pre = try #require(spec.prePromotion)
        #expect(try JSONDecoder().decode(BlueGreenSpec.PrePromotion.self, from: JSONEncoder().encode(pre)) == pre)
        let old = #"{"mirror":100,"min_pairs":200,"max_error_rate":0.01,"max_latency_p99_ratio":1.5}"#
        let decoded = try JSONDecoder().decode(BlueGreenSpec.PrePromotion.self, from: Data(old.utf8))
        #expect(decoded == BlueGreenSpec.PrePromotion())
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded)) as? [String: Any])
        #expect(object["checks"] == nil)
        var plain = spec
        plain.prePromotion?.checks = []
        #expect(!plain.configJSON.contains("checks"))
    }

    @Test("a canary with checks reads back from its JSON form and survives the stored form")
    func roundTrips() throws {
        let spec = try #require(try ReleaseReaderHarness.canary(Self.twoChecks).spec)
        let read = try ReleaseReaderHarness.canary(spec.configJSON)
        #expect(read.issues == [])
        #expect(read.spec == spec)
        let stored = try JSONEncoder().encode(spec.analysis)
        #expect(try JSONDecoder().decode(CanaryAnalysisSpec.self, from: stored) == spec.analysis)
    }

    @Test("an analysis stored before checks existed decodes with none, and one without checks is stored as before")
    func storedWithoutChecks() throws {
        let json = #"""
        {"interval":30,"min_requests":200,"max_error_rate":0.01,"error_rate_increase":0.005,"latency_p99_increase":0.25,
         "reward":false,"failure_limit":0,"inconclusive":"pause","step_timeout":1800}
        """#
        let analysis = try JSONDecoder().decode(CanaryAnalysisSpec.self, from: Data(json.utf8))
        #expect(analysis == CanaryAnalysisSpec())
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(analysis)) as? [String: Any])
        #expect(object["checks"] == nil)
        #expect(!CanaryAnalysisSpec().configJSONFields.joined().contains("checks"))
    }

    @Test("a stored check whose condition no longer reads is refused, not guessed")
    func storedBadCondition() {
        let json = #"{"name":"a","prometheus":{"url":"http://p","query":"up","timeout":10},"fail_when":"=> 1","no_data":"pass"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MetricCheckSpec.self, from: Data(json.utf8)) }
    }
}
