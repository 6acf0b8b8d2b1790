import Testing
@testable import TurnoutStats

/// The canary checks against `Fixtures/canary.json` (scripts/oracles/canary.sh): Mann–Whitney U
/// and p from scipy and the Hodges–Lehmann interval from numpy's sorted pairwise differences on
/// log latencies, and the one-sided mixture SPRT written out in Python for error rates and
/// rewards. Named scenarios also carry the verdict they were designed to produce.
@Suite("Canary checks vs scipy/numpy and an independent mixture SPRT")
struct CanaryFixtureTests {
    struct File: Decodable {
        let error_rate: [ErrorRateCase]
        let latency: [LatencyCase]
        let reward: [RewardCase]
    }

    /// Reference numbers; absent when the reference verdict is inconclusive.
    struct Reference: Decodable {
        let verdict: CanaryCheckResult.Verdict
        let p_value: Double?
        let difference: Double?
        let difference_lower_bound: Double?
        let difference_upper_bound: Double?
        let stable_error_rate: Double?
        let canary_error_rate: Double?
        let stable_mean: Double?
        let canary_mean: Double?
        let u: Double?
        let log_shift: Double?
        let log_shift_lower: Double?
        let log_shift_upper: Double?
        let stable_median_seconds: Double?
        let canary_median_seconds: Double?
    }

    struct ErrorRateCase: Decodable, CustomTestStringConvertible {
        struct Config: Decodable {
            let max_error_rate: Double
            let allowed_increase: Double
            let min_requests: Int
            let alpha: Double
            let tuning: Double
        }
        let name: String
        let config: Config
        let stable_requests: Int
        let stable_errors: Int
        let canary_requests: Int
        let canary_errors: Int
        let expected_verdict: CanaryCheckResult.Verdict?
        let reference: Reference
        var testDescription: String { name }
    }

    struct LatencyCase: Decodable, CustomTestStringConvertible {
        struct Config: Decodable {
            let allowed_increase: Double
            let confidence: Double
            let min_samples: Int
        }
        let name: String
        let config: Config
        let stable: [Double]
        let canary: [Double]
        let expected_verdict: CanaryCheckResult.Verdict?
        let reference: Reference
        var testDescription: String { name }
    }

    struct RewardCase: Decodable, CustomTestStringConvertible {
        struct Config: Decodable {
            let alpha: Double
            let min_samples: Int
            let tuning: Double
        }
        let name: String
        let config: Config
        let stable: SufficientStatistics
        let canary: SufficientStatistics
        let expected_verdict: CanaryCheckResult.Verdict?
        let reference: Reference
        var testDescription: String { name }
    }

    static let file: File = {
        do { return try Fixture.load("canary.json") } catch { fatalError("canary.json: \(error)") }
    }()

    static let pValue = Tolerance(relative: 1e-9, absolute: 0)
    static let bound = Tolerance(relative: 1e-9, absolute: 1e-12)
    static let exact = Tolerance(relative: 1e-15, absolute: 1e-15)

    @Test func fixtureCoversEveryScenario() {
        #expect(Self.file.error_rate.count >= 30)
        #expect(Self.file.latency.count >= 15)
        #expect(Self.file.reward.count >= 15)
        let all = Set(CanaryCheckResult.Verdict.allCases)
        #expect(Set(Self.file.error_rate.map(\.reference.verdict)) == all)
        #expect(Set(Self.file.latency.map(\.reference.verdict)) == all)
        #expect(Set(Self.file.reward.map(\.reference.verdict)) == all)
    }

    @Test(arguments: file.error_rate)
    func errorRate(_ fixture: ErrorRateCase) {
        let check = CanaryErrorRateCheck(
            maxErrorRate: fixture.config.max_error_rate, allowedIncrease: fixture.config.allowed_increase,
            minRequests: fixture.config.min_requests, alpha: fixture.config.alpha, tuning: fixture.config.tuning)
        let result = check.evaluate(
            stable: (requests: fixture.stable_requests, errors: fixture.stable_errors),
            canary: (requests: fixture.canary_requests, errors: fixture.canary_errors))
        #expect(result.verdict == fixture.reference.verdict)
        if let expected = fixture.expected_verdict { #expect(result.verdict == expected) }
        var log = MismatchLog()
        compare(result, "p_value", fixture.reference.p_value, Self.pValue, &log)
        compare(result, "difference_lower_bound", fixture.reference.difference_lower_bound, Self.bound, &log)
        compare(result, "difference", fixture.reference.difference, Self.exact, &log)
        compare(result, "stable_error_rate", fixture.reference.stable_error_rate, Self.exact, &log)
        compare(result, "canary_error_rate", fixture.reference.canary_error_rate, Self.exact, &log)
        #expect(log.lines.isEmpty, "\(log.summary)")
        let allFinite = result.values.values.allSatisfy(\.isFinite)
        #expect(allFinite, "values must encode as JSON")
    }

    @Test(arguments: file.latency)
    func latency(_ fixture: LatencyCase) {
        let check = CanaryLatencyCheck(
            allowedIncrease: fixture.config.allowed_increase, confidence: fixture.config.confidence,
            minSamples: fixture.config.min_samples)
        let result = check.evaluate(stable: fixture.stable, canary: fixture.canary)
        #expect(result.verdict == fixture.reference.verdict)
        if let expected = fixture.expected_verdict { #expect(result.verdict == expected) }
        var log = MismatchLog()
        compare(result, "p_value", fixture.reference.p_value, Self.pValue, &log)
        compare(result, "u", fixture.reference.u, Tolerance(relative: 1e-12, absolute: 0), &log)
        // Order statistics of the same differences of the same logarithms: equal to the last bit.
        compare(result, "log_shift", fixture.reference.log_shift, Self.exact, &log)
        compare(result, "log_shift_lower", fixture.reference.log_shift_lower, Self.exact, &log)
        compare(result, "log_shift_upper", fixture.reference.log_shift_upper, Self.exact, &log)
        compare(result, "stable_median_seconds", fixture.reference.stable_median_seconds, Self.exact, &log)
        compare(result, "canary_median_seconds", fixture.reference.canary_median_seconds, Self.exact, &log)
        #expect(log.lines.isEmpty, "\(log.summary)")
        let allFinite = result.values.values.allSatisfy(\.isFinite)
        #expect(allFinite, "values must encode as JSON")
    }

    @Test(arguments: file.reward)
    func reward(_ fixture: RewardCase) {
        let check = CanaryRewardCheck(
            alpha: fixture.config.alpha, minSamples: fixture.config.min_samples, tuning: fixture.config.tuning)
        let result = check.evaluate(stable: fixture.stable, canary: fixture.canary)
        #expect(result.verdict == fixture.reference.verdict)
        if let expected = fixture.expected_verdict { #expect(result.verdict == expected) }
        var log = MismatchLog()
        compare(result, "p_value", fixture.reference.p_value, Self.pValue, &log)
        compare(result, "difference_upper_bound", fixture.reference.difference_upper_bound, Self.bound, &log)
        compare(result, "difference", fixture.reference.difference, Tolerance(relative: 1e-12, absolute: 1e-14), &log)
        compare(result, "stable_mean", fixture.reference.stable_mean, Tolerance(relative: 1e-12, absolute: 1e-14), &log)
        compare(result, "canary_mean", fixture.reference.canary_mean, Tolerance(relative: 1e-12, absolute: 1e-14), &log)
        #expect(log.lines.isEmpty, "\(log.summary)")
        let allFinite = result.values.values.allSatisfy(\.isFinite)
        #expect(allFinite, "values must encode as JSON")
    }

    /// Compares `values[name]` with a reference number when the reference has one.
    func compare(_ result: CanaryCheckResult, _ name: String, _ expected: Double?, _ tolerance: Tolerance, _ log: inout MismatchLog) {
        guard let expected else { return }
        guard let actual = result.values[name] else {
            log.check(.nan, expected, tolerance, "\(name) missing")
            return
        }
        log.check(actual, expected, tolerance, name)
    }
}
