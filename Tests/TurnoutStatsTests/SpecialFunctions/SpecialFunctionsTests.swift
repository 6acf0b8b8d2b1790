import Testing
@testable import TurnoutStats

/// Special functions against scipy.special / scipy.stats (and mpmath for log-beta) at many points, tails included.
@Suite("Special functions vs scipy")
struct SpecialFunctionsTests {
    struct Table: Decodable {
        let normal_cdf: [[Double]]
        let normal_quantile: [[Double]]
        let log_gamma: [[Double]]
        let log_beta: [[Double]]
        let incomplete_beta: [[Double]]
        let t_cdf: [[Double]]
        let t_quantile: [[Double]]
        let incomplete_gamma: [[Double]]
        let chi_squared: [[Double]]
    }

    let table: Table
    let tight = Tolerance(relative: 1e-12, absolute: 1e-300)

    init() throws {
        table = try Fixture.load("special_functions.json")
    }

    @Test func normalCDFAndSurvivalBothTails() {
        var log = MismatchLog()
        // erfc(x/√2) inherits the rounding of x/√2 magnified by x², hence 1e-12 in the far tail.
        let tolerance = Tolerance(relative: 2e-13 * 40, absolute: 1e-300)
        for row in table.normal_cdf {
            let x = row[0]
            log.check(NormalDistribution.standard.cdf(x), row[1], tolerance, "cdf(\(x))")
            log.check(NormalDistribution.standard.sf(x), row[2], tolerance, "sf(\(x))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
        #expect(log.checked > 100)
    }

    @Test func normalQuantileDownTo1e300() {
        var log = MismatchLog()
        for row in table.normal_quantile {
            log.check(NormalDistribution.standardQuantile(row[0]), row[1], Tolerance(relative: 1e-14, absolute: 1e-15), "ppf(\(row[0]))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func logGammaAndLogBeta() {
        var log = MismatchLog()
        for row in table.log_gamma {
            log.check(SpecialFunctions.logGamma(row[0]), row[1], Tolerance(relative: 1e-14, absolute: 5e-15), "lgamma(\(row[0]))")
        }
        for row in table.log_beta {
            log.check(SpecialFunctions.logBeta(row[0], row[1]), row[2], Tolerance(relative: 1e-13, absolute: 1e-14), "lbeta(\(row[0]), \(row[1]))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func regularizedIncompleteBetaAndComplement() {
        var log = MismatchLog()
        let tolerance = Tolerance(relative: 1e-10, absolute: 1e-300)
        for row in table.incomplete_beta {
            let (x, a, b) = (row[0], row[1], row[2])
            let pair = SpecialFunctions.incompleteBeta(x: x, complement: 1 - x, a: a, b: b)
            log.check(pair.lower, row[3], tolerance, "I_\(x)(\(a), \(b))")
            log.check(pair.upper, row[4], tolerance, "1 - I_\(x)(\(a), \(b))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func studentTCDFNonIntegerDegreesOfFreedom() {
        var log = MismatchLog()
        let tolerance = Tolerance(relative: 1e-10, absolute: 1e-300)
        for row in table.t_cdf {
            let distribution = StudentTDistribution(degreesOfFreedom: row[1])
            log.check(distribution.cdf(row[0]), row[2], tolerance, "t.cdf(\(row[0]), df \(row[1]))")
            log.check(distribution.sf(row[0]), row[3], tolerance, "t.sf(\(row[0]), df \(row[1]))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func studentTQuantile() {
        var log = MismatchLog()
        for row in table.t_quantile {
            let distribution = StudentTDistribution(degreesOfFreedom: row[1])
            log.check(distribution.quantile(row[0]), row[2], Tolerance(relative: 1e-10, absolute: 1e-12), "t.ppf(\(row[0]), df \(row[1]))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }

    @Test func incompleteGammaAndChiSquared() {
        var log = MismatchLog()
        let tolerance = Tolerance(relative: 1e-10, absolute: 1e-300)
        for row in table.incomplete_gamma {
            let pair = SpecialFunctions.incompleteGamma(a: row[0], x: row[1])
            log.check(pair.lower, row[2], tolerance, "P(\(row[0]), \(row[1]))")
            log.check(pair.upper, row[3], tolerance, "Q(\(row[0]), \(row[1]))")
        }
        for row in table.chi_squared {
            let distribution = ChiSquaredDistribution(degreesOfFreedom: row[1])
            log.check(distribution.cdf(row[0]), row[2], tolerance, "chi2.cdf(\(row[0]), \(row[1]))")
            log.check(distribution.sf(row[0]), row[3], tolerance, "chi2.sf(\(row[0]), \(row[1]))")
        }
        #expect(log.lines.isEmpty, "\(log.summary)")
    }
}

extension SpecialFunctionsTests {
    @Test func quantileBeyondTheLargestDoubleIsInfinite() {
        // df 0.3: P(T < -t) ≈ C t^-0.3, so p = 1e-300 needs t ≈ 1e1000.
        #expect(StudentTDistribution(degreesOfFreedom: 0.3).quantile(1e-300) == -.infinity)
        #expect(StudentTDistribution(degreesOfFreedom: 0.3).cdf(-1e300) > 1e-300)
    }
}
