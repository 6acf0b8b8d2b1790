import Foundation
import Testing
@testable import TurnoutCore

/// The `strategy: canary` release: every setting, the defaults, and one line per problem.
@Suite("Canary configuration")
struct CanarySpecParsingTests {
    @Test("defaults: the analysis and rollback window of the configuration reference")
    func defaults() throws {
        let read = try ReleaseReaderHarness.canary("{ strategy: canary, stable: v1, canary: v2, steps: [{ weight: 10 }] }")
        #expect(read.issues == [])
        let spec = try #require(read.spec)
        #expect(spec.stable == "v1" && spec.canary == "v2")
        #expect(spec.steps == [CanaryStep(weight: 10)])
        #expect(spec.rollbackWindow == 600)
        let analysis = spec.analysis
        #expect(analysis.interval == 30 && analysis.minRequests == 200)
        #expect(analysis.maxErrorRate == 0.01 && analysis.errorRateIncrease == 0.005 && analysis.latencyP99Increase == 0.25)
        #expect(analysis.reward == false && analysis.failureLimit == 0)
        #expect(analysis.inconclusive == .pause && analysis.stepTimeout == 1_800)
    }

    @Test("every setting is read, durations with their units")
    func everySetting() throws {
        let read = try ReleaseReaderHarness.canary("""
            strategy: canary
            stable: v2
            canary: v3
            steps: [{ weight: 5, pause: 2m }, { weight: 25, pause: 90s }, 50, { weight: 100, pause: 0 }]
            analysis:
              interval: 15s
              min_requests: 50
              max_error_rate: 0.02
              error_rate_increase: 0
              latency_p99_increase: 0.5
              reward: true
              failure_limit: 2
              inconclusive: wait
              step_timeout: 1h
            rollback_window: 10m
            """)
        #expect(read.issues == [])
        let spec = try #require(read.spec)
        #expect(spec.stable == "v2" && spec.canary == "v3")
        #expect(spec.steps == [
            CanaryStep(weight: 5, pause: 120), CanaryStep(weight: 25, pause: 90), CanaryStep(weight: 50), CanaryStep(weight: 100, pause: 0),
        ])
        #expect(spec.analysis == CanaryAnalysisSpec(
            interval: 15, minRequests: 50, maxErrorRate: 0.02, errorRateIncrease: 0, latencyP99Increase: 0.5, reward: true,
            failureLimit: 2, inconclusive: .wait, stepTimeout: 3_600
        ))
        #expect(spec.rollbackWindow == 600)
    }

    @Test("a last step at 100% is the promotion: three lifecycle steps for four written, its pause is the watch")
    func lifecycleSteps() throws {
        let spec = try #require(try ReleaseReaderHarness.canary(
            "{ strategy: canary, stable: v1, canary: v2, steps: [{ weight: 5, pause: 2m }, 25, 50, { weight: 100, pause: 5m }] }"
        ).spec)
        #expect(spec.stepCount == 3)
        #expect((0...4).map(spec.weight(atStep:)) == [5, 25, 50, 100, 100])
        #expect(spec.pause(atStep: 0) == 120 && spec.pause(atStep: 1) == nil && spec.pause(atStep: 3) == nil)
        #expect(spec.promotionPause == 300)
        let without = try #require(try ReleaseReaderHarness.canary("{ strategy: canary, stable: v1, canary: v2, steps: [10, 60] }").spec)
        #expect(without.stepCount == 2 && without.promotionPause == nil && without.weight(atStep: 2) == 100)
    }

    @Test("the spec survives a JSON round trip with snake_case keys")
    func codable() throws {
        let spec = CanarySpec(
            stable: "v1", canary: "v2", steps: [CanaryStep(weight: 5, pause: 60), CanaryStep(weight: 100)],
            analysis: CanaryAnalysisSpec(failureLimit: 3, inconclusive: .wait), rollbackWindow: 90
        )
        let data = try JSONEncoder().encode(spec)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"rollback_window\":90") && text.contains("\"failure_limit\":3") && text.contains("\"step_timeout\":1800"))
        #expect(try JSONDecoder().decode(CanarySpec.self, from: data) == spec)
    }

    static let examples = "[{ weight: 5, pause: 2m }, { weight: 25, pause: 5m }, { weight: 50 }, { weight: 100 }]"
    static let release = ReleaseReaderHarness.path

    static let refused: [RefusedRelease] = [
        RefusedRelease(yaml: "{ canary: v2, steps: [10] }", line: "\(release).stable: missing: name the version that serves the traffic now, such as v1"),
        RefusedRelease(yaml: "{ stable: v1, steps: [10] }", line: "\(release).canary: missing: name the version being released, such as v2"),
        RefusedRelease(yaml: "{ stable: v9, canary: v2, steps: [10] }", line: "\(release).stable: no such version (versions: v1, v2, v3)"),
        RefusedRelease(yaml: "{ stable: v1, canary: [v2], steps: [10] }", line: "\(release).canary: expected a string, got a list"),
        RefusedRelease(yaml: "{ stable: v1, canary: v1, steps: [10] }", line: "\(release).canary: the canary must be another version than stable (v1)"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2 }", line: "\(release).steps: missing: list the canary's traffic steps, such as \(examples)"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [] }", line: "\(release).steps: expected at least one step, such as \(examples)"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: { weight: 5 } }", line: "\(release).steps: expected a list of steps such as \(examples), got a mapping"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [10, { weight: 150 }] }", line: "\(release).steps[1].weight: expected a percentage above 0 and at most 100, got 150"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [{ weight: 0 }] }", line: "\(release).steps[0].weight: expected a percentage above 0 and at most 100, got 0"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [-5] }", line: "\(release).steps[0]: expected a percentage above 0 and at most 100, got -5"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [soon] }", line: "\(release).steps[0]: expected a step such as { weight: 25, pause: 5m }, got \"soon\""),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [10, 50, 25] }", line: "\(release).steps[2].weight: weights must not decrease, got 25% after 50%"),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10, 100, 100] }",
            line: "\(release).steps[1].weight: a step at 100% promotes the canary, so only the last step may be at 100"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [{ weight: 100, pause: 5m }] }",
            line: "\(release).steps: at least one step must be below 100% (to switch all traffic at once, use strategy: bluegreen)"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [{ weight: 5, pause: -5 }] }",
            line: "\(release).steps[0].pause: expected a duration of 0 or more such as 30s, 2m or 1h, got -5"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [{ weight: 5, pause: a while }] }",
            line: "\(release).steps[0].pause: expected a duration of 0 or more such as 30s, 2m or 1h, got \"a while\""
        ),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [{ weight: 5, hold: 2m }] }", line: "\(release).steps[0].hold: unknown key (valid keys: weight, pause)"),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [{ pause: 2m }] }", line: "\(release).steps[0].weight: missing: the canary's share of traffic in percent, such as 25"),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], stpes: [20] }",
            line: "\(release).stpes: unknown key (valid keys: strategy, stable, canary, steps, analysis, rollback_window)"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { max_errors: 3 } }",
            line: "\(release).analysis.max_errors: unknown key (valid keys: interval, min_requests, max_error_rate, error_rate_increase, latency_p99_increase, reward, failure_limit, inconclusive, step_timeout, checks)"
        ),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [10], analysis: 30s }", line: "\(release).analysis: expected a mapping, got a string"),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { interval: fast } }",
            line: "\(release).analysis.interval: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"fast\""
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { step_timeout: 0 } }",
            line: "\(release).analysis.step_timeout: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got 0"
        ),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { min_requests: 0 } }", line: "\(release).analysis.min_requests: expected a whole number above 0, got 0"),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { max_error_rate: 1.5 } }",
            line: "\(release).analysis.max_error_rate: expected a fraction above 0 to 1 such as 0.01 (1%), got 1.5"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { error_rate_increase: -0.1 } }",
            line: "\(release).analysis.error_rate_increase: expected a fraction from 0 to 1 such as 0.01 (1%), got -0.1"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { latency_p99_increase: -1 } }",
            line: "\(release).analysis.latency_p99_increase: expected a fraction of 0 or more such as 0.25 (25% slower), got -1"
        ),
        RefusedRelease(yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { reward: 3 } }", line: "\(release).analysis.reward: expected true or false, got a number"),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { failure_limit: -1 } }",
            line: "\(release).analysis.failure_limit: expected a whole number of 0 or more, got -1"
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], analysis: { inconclusive: abort } }",
            line: "\(release).analysis.inconclusive: expected one of pause, wait, got \"abort\""
        ),
        RefusedRelease(
            yaml: "{ stable: v1, canary: v2, steps: [10], rollback_window: -1m }",
            line: "\(release).rollback_window: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"-1m\""
        ),
    ]

    @Test("each problem is refused with one line naming its key path", arguments: refused)
    func problems(_ refused: RefusedRelease) throws {
        let read = try ReleaseReaderHarness.canary(refused.yaml)
        #expect(read.spec == nil)
        #expect(read.issues == [refused.line])
    }

    @Test("every problem of one release is reported, not just the first")
    func allProblems() throws {
        let read = try ReleaseReaderHarness.canary(
            "{ stable: v1, canary: v1, steps: [50, 10], analysis: { failure_limit: -1, inconclusive: never }, rollback_window: soon }"
        )
        #expect(read.spec == nil)
        #expect(read.issues.count == 5)
    }
}
