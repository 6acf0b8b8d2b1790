import Testing
@testable import TurnoutStats

/// Mann–Whitney U against `scipy.stats.mannwhitneyu(method="asymptotic")` and the
/// Hodges–Lehmann shift and its interval against numpy on all pairwise differences.
@Suite("Mann-Whitney U and Hodges-Lehmann vs scipy/numpy")
struct MannWhitneyTests {
    struct Case: Decodable {
        let control: [Double]
        let variant: [Double]
        let alternative: Alternative
        let confidence: Double
        let u: Double
        let p_value: Double
        let shift: Double
        let shift_ci: [Double]
    }

    struct File: Decodable {
        let cases: [Case]
    }

    @Test func everyGeneratedCaseMatches() throws {
        let cases = try Fixture.load("nonparametric.json", as: File.self).cases
        #expect(cases.count >= 35)
        var log = MismatchLog()
        for (index, fixture) in cases.enumerated() {
            let test = MannWhitneyTest(alternative: fixture.alternative, confidence: fixture.confidence)
            let result = try test.evaluate(control: fixture.control, variant: fixture.variant)
            log.check(result.u, fixture.u, Tolerance(relative: 1e-12, absolute: 0), "case \(index) U")
            log.check(result.pValue, fixture.p_value, Tolerance(relative: 1e-9, absolute: 1e-15), "case \(index) p")
            // Order statistics are data values: exact, bar the averaging of the two middle ones.
            log.check(result.shift, fixture.shift, Tolerance(relative: 1e-15, absolute: 1e-15), "case \(index) shift")
            log.check(result.shiftInterval.lower, fixture.shift_ci[0], Tolerance(relative: 0, absolute: 0), "case \(index) ci lower")
            log.check(result.shiftInterval.upper, fixture.shift_ci[1], Tolerance(relative: 0, absolute: 0), "case \(index) ci upper")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func orderStatisticsEqualSortingAllDifferences() {
        var generator = SeededGenerator(seed: 99)
        let a = (0..<37).map { _ in (generator.nextUniform() * 20).rounded() / 2 }  // ties on purpose
        let b = (0..<23).map { _ in generator.nextUniform() * 10 - 3 }
        let differences = PairwiseDifferences(minuend: b, subtrahend: a)
        let sorted = b.flatMap { y in a.map { x in y - x } }.sorted()
        for k in [1, 2, 100, 425, 426, 850, sorted.count] {
            #expect(differences.orderStatistic(k) == sorted[k - 1], "k = \(k)")
        }
    }

    @Test func identicalSamplesCannotBeRanked() {
        #expect(throws: StatisticsError.zeroVariance) {
            try MannWhitneyTest().evaluate(control: [3, 3, 3], variant: [3, 3])
        }
        #expect(throws: StatisticsError.emptyArm) {
            try MannWhitneyTest().evaluate(control: [], variant: [1])
        }
    }
}
