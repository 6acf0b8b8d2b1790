import Foundation
import Testing
@testable import TurnoutCore

/// The `strategy: bluegreen` release: every setting, the defaults, and one line per problem.
@Suite("Blue-green configuration")
struct BlueGreenSpecParsingTests {
    @Test("defaults: no smoke tests, no pre-promotion analysis, auto promotion, a one-minute watch, ten-minute rollback window")
    func defaults() throws {
        let read = try ReleaseReaderHarness.blueGreen("{ strategy: bluegreen, active: v1, preview: v2 }")
        #expect(read.issues == [])
        let spec = try #require(read.spec)
        #expect(spec.active == "v1" && spec.preview == "v2")
        #expect(spec.smoke == [] && spec.prePromotion == nil && spec.autoPromote)
        #expect(spec.postPromotion.window == 60 && spec.postPromotion.analysis == CanaryAnalysisSpec())
        #expect(spec.rollbackWindow == 600 && spec.stepCount == 1)
        let pre = try #require(try ReleaseReaderHarness.blueGreen("{ active: v1, preview: v2, pre_promotion: {} }").spec?.prePromotion)
        #expect(pre.mirror == 100 && pre.minPairs == 200 && pre.maxErrorRate == 0.01 && pre.maxLatencyP99Ratio == 1.5)
    }

    @Test("every setting is read, the post-promotion analysis with the canary's keys")
    func everySetting() throws {
        let read = try ReleaseReaderHarness.blueGreen("""
            strategy: bluegreen
            active: v2
            preview: v3
            smoke:
              - { request: smoke/request.json, expect_status: 200, expect_output: smoke/expected.json }
              - { request: smoke/bad.json, expect_status: 400 }
              - smoke/plain.json
            pre_promotion: { mirror: 50, min_pairs: 300, max_error_rate: 0.02, max_latency_p99_ratio: 1.2 }
            auto_promote: false
            post_promotion:
              window: 2m
              interval: 10s
              min_requests: 100
              max_error_rate: 0.05
              error_rate_increase: 0.01
              latency_p99_increase: 0.1
              reward: true
              failure_limit: 1
              inconclusive: wait
              step_timeout: 5m
            rollback_window: 1h
            """)
        #expect(read.issues == [])
        let spec = try #require(read.spec)
        #expect(spec.active == "v2" && spec.preview == "v3")
        #expect(spec.smoke == [
            BlueGreenSpec.SmokeTest(request: "smoke/request.json", expectStatus: 200, expectOutput: "smoke/expected.json"),
            BlueGreenSpec.SmokeTest(request: "smoke/bad.json", expectStatus: 400),
            BlueGreenSpec.SmokeTest(request: "smoke/plain.json"),
        ])
        #expect(spec.prePromotion == BlueGreenSpec.PrePromotion(mirror: 50, minPairs: 300, maxErrorRate: 0.02, maxLatencyP99Ratio: 1.2))
        #expect(!spec.autoPromote)
        #expect(spec.postPromotion.window == 120)
        #expect(spec.postPromotion.analysis == CanaryAnalysisSpec(
            interval: 10, minRequests: 100, maxErrorRate: 0.05, errorRateIncrease: 0.01, latencyP99Increase: 0.1, reward: true,
            failureLimit: 1, inconclusive: .wait, stepTimeout: 300
        ))
        #expect(spec.rollbackWindow == 3_600)
    }

    @Test("the spec survives a JSON round trip with snake_case keys")
    func codable() throws {
        let spec = BlueGreenSpec(
            active: "v1", preview: "v2", smoke: [BlueGreenSpec.SmokeTest(request: "r.json", expectOutput: "o.json")],
            prePromotion: BlueGreenSpec.PrePromotion(mirror: 25), autoPromote: false, rollbackWindow: 120
        )
        let data = try JSONEncoder().encode(spec)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"auto_promote\":false") && text.contains("\"expect_output\":\"o.json\"") && text.contains("\"min_pairs\":200"))
        #expect(try JSONDecoder().decode(BlueGreenSpec.self, from: data) == spec)
    }

    static let release = ReleaseReaderHarness.path

    static let refused: [RefusedRelease] = [
        RefusedRelease(yaml: "{ preview: v2 }", line: "\(release).active: missing: name the version that answers now (blue), such as v1"),
        RefusedRelease(yaml: "{ active: v1 }", line: "\(release).preview: missing: name the version being prepared (green), such as v2"),
        RefusedRelease(yaml: "{ active: v1, preview: green }", line: "\(release).preview: no such version (versions: v1, v2, v3)"),
        RefusedRelease(yaml: "{ active: v2, preview: v2 }", line: "\(release).preview: the preview must be another version than active (v2)"),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, canary: v3 }",
            line: "\(release).canary: unknown key (valid keys: strategy, active, preview, smoke, pre_promotion, auto_promote, post_promotion, rollback_window)"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, smoke: smoke.json }",
            line: "\(release).smoke: expected a list of smoke tests such as [{ request: smoke/request.json, expect_status: 200 }], got a string"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, smoke: [{ expect_status: 200 }] }",
            line: "\(release).smoke[0].request: missing: the file holding the request body, such as smoke/request.json"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, smoke: [a.json, { request: b.json, expect_status: 700 }] }",
            line: "\(release).smoke[1].expect_status: expected an HTTP status from 100 to 599, got 700"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, smoke: [{ request: a.json, expect_output: \"\" }] }",
            line: "\(release).smoke[0].expect_output: expected a file path, got an empty string"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, smoke: [{ request: a.json, expect_body: b.json }] }",
            line: "\(release).smoke[0].expect_body: unknown key (valid keys: request, expect_status, expect_output)"
        ),
        RefusedRelease(yaml: "{ active: v1, preview: v2, pre_promotion: true }", line: "\(release).pre_promotion: expected a mapping, got a boolean"),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, pre_promotion: { mirror: 0 } }",
            line: "\(release).pre_promotion.mirror: expected a percentage above 0 and at most 100, got 0"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, pre_promotion: { min_pairs: -3 } }",
            line: "\(release).pre_promotion.min_pairs: expected a whole number above 0, got -3"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, pre_promotion: { max_error_rate: 0 } }",
            line: "\(release).pre_promotion.max_error_rate: expected a fraction above 0 to 1 such as 0.01 (1%), got 0"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, pre_promotion: { max_latency_p99_ratio: 0 } }",
            line: "\(release).pre_promotion.max_latency_p99_ratio: expected a ratio above 0 such as 1.5 (50% slower at most), got 0"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, pre_promotion: { pairs: 10 } }",
            line: "\(release).pre_promotion.pairs: unknown key (valid keys: mirror, min_pairs, max_error_rate, max_latency_p99_ratio, checks)"
        ),
        RefusedRelease(yaml: "{ active: v1, preview: v2, auto_promote: \"yes\" }", line: "\(release).auto_promote: expected true or false, got a string"),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, post_promotion: { window: 1 minute } }",
            line: "\(release).post_promotion.window: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"1 minute\""
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, post_promotion: { failure_limit: -2 } }",
            line: "\(release).post_promotion.failure_limit: expected a whole number of 0 or more, got -2"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, post_promotion: { inconclusive: rollback } }",
            line: "\(release).post_promotion.inconclusive: expected one of pause, wait, got \"rollback\""
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, post_promotion: { analysis: { interval: 5s } } }",
            line: "\(release).post_promotion.analysis: unknown key (valid keys: window, interval, min_requests, max_error_rate, error_rate_increase, latency_p99_increase, reward, failure_limit, inconclusive, step_timeout, checks)"
        ),
        RefusedRelease(
            yaml: "{ active: v1, preview: v2, rollback_window: 0 }",
            line: "\(release).rollback_window: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got 0"
        ),
    ]

    @Test("each problem is refused with one line naming its key path", arguments: refused)
    func problems(_ refused: RefusedRelease) throws {
        let read = try ReleaseReaderHarness.blueGreen(refused.yaml)
        #expect(read.spec == nil)
        #expect(read.issues == [refused.line])
    }
}
