import Testing
import TurnoutStats

/// Every generated case of `Fixtures/ab_tests.json` (gbstats 0.8.0 / scipy / statsmodels outputs)
/// against TurnoutStats.
@Suite("A/B tests vs gbstats fixtures")
struct GBStatsFixtureTests {
    struct Arm: Decodable {
        let n: Int
        let sum: Double
        let sum_squares: Double
        var statistics: SufficientStatistics { SufficientStatistics(n: n, sum: sum, sumSquares: sum_squares) }
    }

    struct Expected: Decodable {
        let error: String?
        let effect: Double?
        let ci: [Double?]?
        let se: Double?
        let p_value: Double?
        let chance_to_win: Double?
        let risk: [Double]?
    }

    struct Case: Decodable {
        let test: String
        let metric: MetricKind
        let scale: EffectScale
        let alpha: Double
        let alternative: Alternative?
        let tuning: Double?
        let prior: GaussianPrior?
        let prior_scale: EffectScale?
        let lower_is_better: Bool?
        let control: Arm
        let variant: Arm
        let expected: Expected
    }

    struct SRMCase: Decodable {
        let counts: [Int]
        let weights: [Double]
        let p_value: Double
    }

    struct HolmCase: Decodable {
        let p_values: [Double]
        let adjusted: [Double]
    }

    struct File: Decodable {
        let cases: [Case]
        let srm: [SRMCase]
        let holm: [HolmCase]
    }

    let file: File
    let estimates = Tolerance(relative: 1e-9, absolute: 1e-12)
    let probabilities = Tolerance(relative: 1e-8, absolute: 1e-12)

    init() throws {
        file = try Fixture.load("ab_tests.json")
    }

    @Test func fixedHorizonWelchCases() {
        var log = MismatchLog()
        var count = 0
        for (index, fixture) in file.cases.enumerated() where fixture.test == "fixed" {
            count += 1
            let test = WelchTTest(alpha: fixture.alpha, alternative: fixture.alternative ?? .twoSided, scale: fixture.scale, metric: fixture.metric)
            compare(index, fixture, { () throws(StatisticsError) in try test.evaluate(control: fixture.control.statistics, variant: fixture.variant.statistics) }, &log)
        }
        #expect(count > 50)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func sequentialCases() {
        var log = MismatchLog()
        var count = 0
        for (index, fixture) in file.cases.enumerated() where fixture.test == "sequential" {
            count += 1
            let test = SequentialTest(alpha: fixture.alpha, tuning: fixture.tuning ?? 5000, alternative: fixture.alternative ?? .twoSided, scale: fixture.scale, metric: fixture.metric)
            compare(index, fixture, { () throws(StatisticsError) in try test.evaluate(control: fixture.control.statistics, variant: fixture.variant.statistics) }, &log)
        }
        #expect(count > 20)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func bayesianCases() {
        var log = MismatchLog()
        var count = 0
        for (index, fixture) in file.cases.enumerated() where fixture.test == "bayesian" {
            count += 1
            let model = BayesianEffectTest(
                alpha: fixture.alpha, scale: fixture.scale, metric: fixture.metric, prior: fixture.prior ?? .flat,
                priorScale: fixture.prior_scale ?? .relative, lowerIsBetter: fixture.lower_is_better ?? false)
            let result: BayesianResult
            do {
                result = try model.evaluate(control: fixture.control.statistics, variant: fixture.variant.statistics)
            } catch {
                let code = Self.code(of: error)
                log.check(code == fixture.expected.error ? 1 : 0, 1, estimates, "case \(index): threw \(code), expected \(fixture.expected.error ?? "a result")")
                continue
            }
            guard fixture.expected.error == nil, let ci = fixture.expected.ci, let risk = fixture.expected.risk else {
                log.check(0, 1, estimates, "case \(index): got a result, expected error \(fixture.expected.error ?? "?")")
                continue
            }
            log.check(result.effect, fixture.expected.effect ?? .nan, estimates, "case \(index) effect")
            log.check(result.standardError, fixture.expected.se ?? .nan, estimates, "case \(index) sd")
            log.check(result.interval.lower, ci[0] ?? -.infinity, estimates, "case \(index) ci lower")
            log.check(result.interval.upper, ci[1] ?? .infinity, estimates, "case \(index) ci upper")
            log.check(result.chanceToWin, fixture.expected.chance_to_win ?? .nan, probabilities, "case \(index) chance to win")
            // gbstats goes through scipy's truncnorm, good to about 1e-9 relative far in the tail.
            let riskTolerance = Tolerance(relative: 1e-7, absolute: 1e-13)
            log.check(result.risk.control, risk[0], riskTolerance, "case \(index) risk control")
            log.check(result.risk.variant, risk[1], riskTolerance, "case \(index) risk variant")
        }
        #expect(count > 30)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func sampleRatioMismatchCases() throws {
        var log = MismatchLog()
        for fixture in file.srm {
            let srm = try SampleRatioMismatch(counts: fixture.counts, weights: fixture.weights)
            log.check(srm.pValue, fixture.p_value, Tolerance(relative: 1e-9, absolute: 1e-300), "srm \(fixture.counts) \(fixture.weights)")
        }
        #expect(log.checked > 50)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func holmCasesMatchStatsmodels() {
        var log = MismatchLog()
        for fixture in file.holm {
            for (actual, expected) in zip(HolmCorrection.adjust(fixture.p_values), fixture.adjusted) {
                log.check(actual, expected, Tolerance(relative: 1e-14, absolute: 0), "holm \(fixture.p_values)")
            }
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    /// Compares a frequentist result (or the error it throws) with the expected values.
    private func compare(_ index: Int, _ fixture: Case, _ run: () throws(StatisticsError) -> FrequentistResult, _ log: inout MismatchLog) {
        let result: FrequentistResult
        do {
            result = try run()
        } catch {
            let code = Self.code(of: error)
            log.check(code == fixture.expected.error ? 1 : 0, 1, estimates, "case \(index): threw \(code), expected \(fixture.expected.error ?? "a result")")
            return
        }
        guard fixture.expected.error == nil, let ci = fixture.expected.ci else {
            log.check(0, 1, estimates, "case \(index): got a result, expected error \(fixture.expected.error ?? "?")")
            return
        }
        log.check(result.effect, fixture.expected.effect ?? .nan, estimates, "case \(index) effect")
        log.check(result.standardError, fixture.expected.se ?? .nan, estimates, "case \(index) se")
        log.check(result.interval.lower, ci[0] ?? -.infinity, estimates, "case \(index) ci lower")
        log.check(result.interval.upper, ci[1] ?? .infinity, estimates, "case \(index) ci upper")
        log.check(result.pValue, fixture.expected.p_value ?? .nan, probabilities, "case \(index) p")
    }

    /// The fixture's name for an error.
    private static func code(of error: StatisticsError) -> String {
        switch error {
        case .zeroControlMean: "zero_control_mean"
        case .zeroVariance: "zero_variance"
        case .emptyArm: "empty_arm"
        case .invalidParameter: "invalid_parameter"
        }
    }
}
