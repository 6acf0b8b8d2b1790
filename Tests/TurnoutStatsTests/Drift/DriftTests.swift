import Foundation
import Testing
import TurnoutStats

/// Shadow-comparison statistics: the published agreement/kappa vector (issue 5), and kappa
/// (statsmodels), PSI (scipy.special.rel_entr), Jensen–Shannon distance (scipy.spatial) and the
/// two-sample KS statistic (scipy.stats.ks_2samp) on generated data.
@Suite("Agreement and drift vs statsmodels/scipy")
struct DriftTests {
    struct LabelCase: Decodable {
        let live: [Int]
        let shadow: [Int]
        let agreement: Double
        let kappa: Double
    }

    struct SampleCase: Decodable {
        let reference: [Double]
        let candidate: [Double]
        let edges: [Double]
        let p50_p99: [Double]
        let reference_proportions: [Double]
        let candidate_proportions: [Double]
        let psi: Double
        let js_distance_base2: Double
        let js_distance_natural: Double
        let ks: Double
    }

    struct File: Decodable {
        let labels: [LabelCase]
        let samples: [SampleCase]
    }

    let file: File

    init() throws {
        file = try Fixture.load("drift.json")
    }

    @Test func publishedAgreementAndKappaVector() throws {
        let result = try LabelAgreement([0, 0, 1, 1, 1, 0, 1, 0, 1, 1], [0, 1, 1, 1, 0, 0, 1, 0, 1, 1])
        #expect(abs(result.agreement - 0.8) < 1e-12)
        #expect(abs(result.kappa - 0.583333) < 1e-6)
    }

    @Test func kappaOnGeneratedLabels() throws {
        var log = MismatchLog()
        for (index, fixture) in file.labels.enumerated() {
            let result = try LabelAgreement(fixture.live, fixture.shadow)
            log.check(result.agreement, fixture.agreement, Tolerance(relative: 1e-14, absolute: 0), "labels \(index) agreement")
            log.check(result.kappa, fixture.kappa, Tolerance(relative: 1e-12, absolute: 1e-14), "labels \(index) kappa")
        }
        #expect(log.checked == 2 * file.labels.count)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func binsPSIJensenShannonAndKS() throws {
        var log = MismatchLog()
        let exact = Tolerance(relative: 1e-15, absolute: 0)
        for (index, fixture) in file.samples.enumerated() {
            let edges = DistributionDrift.quantileEdges(of: fixture.reference, bins: 10)
            for (edge, expected) in zip(edges, fixture.edges) {
                log.check(edge, expected, Tolerance(relative: 1e-15, absolute: 1e-16), "sample \(index) edge")
            }
            log.check(SampleQuantile.linear(fixture.candidate, 0.5) ?? .nan, fixture.p50_p99[0], exact, "sample \(index) p50")
            log.check(SampleQuantile.linear(fixture.candidate, 0.99) ?? .nan, fixture.p50_p99[1], Tolerance(relative: 1e-15, absolute: 1e-16), "sample \(index) p99")
            let drift = try DistributionDrift(reference: fixture.reference, candidate: fixture.candidate, bins: 10)
            for (value, expected) in zip(drift.referenceProportions, fixture.reference_proportions) {
                log.check(value, expected, exact, "sample \(index) reference bins")
            }
            for (value, expected) in zip(drift.candidateProportions, fixture.candidate_proportions) {
                log.check(value, expected, exact, "sample \(index) candidate bins")
            }
            log.check(drift.populationStabilityIndex, fixture.psi, Tolerance(relative: 1e-12, absolute: 1e-15), "sample \(index) PSI")
            log.check(drift.jensenShannonDistance, fixture.js_distance_base2, Tolerance(relative: 1e-10, absolute: 1e-12), "sample \(index) JS base 2")
            log.check(
                DistributionDrift.jensenShannonDistance(drift.referenceProportions, drift.candidateProportions, base: exp(1.0)),
                fixture.js_distance_natural, Tolerance(relative: 1e-10, absolute: 1e-12), "sample \(index) JS natural")
            log.check(drift.kolmogorovSmirnov, fixture.ks, Tolerance(relative: 1e-14, absolute: 0), "sample \(index) KS")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func mismatchedLabelArraysAreRejected() {
        #expect(throws: StatisticsError.self) { try LabelAgreement([1, 2], [1]) }
    }
}
