import Foundation

extension SpecialFunctions {
    /// Regularized incomplete beta function `I_x(a, b)` for `0 <= x <= 1`, `a, b > 0`.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        incompleteBeta(x: x, complement: 1 - x, a: a, b: b).lower
    }

    /// The pair `I_x(a, b)` and `1 - I_x(a, b)`, the smaller one computed directly.
    ///
    /// Pass `complement = 1 - x` computed by the caller without rounding where possible (for
    /// example `t² / (ν + t²)` rather than `1 - ν / (ν + t²)`): it feeds the continued fraction
    /// of the mirrored problem and the logarithms of the prefactor.
    ///
    /// Evaluates the continued fraction of Numerical Recipes (modified Lentz) on whichever side
    /// of the mean `(a + 1) / (a + b + 2)` it converges fast, with a log-space prefactor built on
    /// ``logBeta(_:_:)``.
    public static func incompleteBeta(
        x: Double, complement y: Double, a: Double, b: Double
    ) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0, !x.isNaN, !y.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let logX = x < 0.5 ? Foundation.log(x) : Foundation.log1p(-y)
        let logY = y < 0.5 ? Foundation.log(y) : Foundation.log1p(-x)
        return incompleteBeta(x: x, complement: y, logX: logX, logY: logY, a: a, b: b)
    }

    /// As ``incompleteBeta(x:complement:a:b:)`` with `log x` and `log(1 - x)` supplied by the
    /// caller, for arguments so close to 0 that `x` itself is subnormal or underflows.
    static func incompleteBeta(
        x: Double, complement y: Double, logX: Double, logY: Double, a: Double, b: Double
    ) -> (lower: Double, upper: Double) {
        let logPrefactor = a * logX + b * logY - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = Foundation.exp(logPrefactor) * betaContinuedFraction(x: x, a: a, b: b) / a
            return (lower, 1 - lower)
        }
        let upper = Foundation.exp(logPrefactor) * betaContinuedFraction(x: y, a: b, b: a) / b
        return (1 - upper, upper)
    }

    /// Continued fraction for `I_x(a, b)` (Numerical Recipes `betacf`), modified Lentz.
    static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let tolerance = Double.ulpOfOne
        let sumAB = a + b
        let aPlusOne = a + 1
        let aMinusOne = a - 1
        var c = 1.0
        var d = 1 - sumAB * x / aPlusOne
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...100_000 {
            let m = Double(m)
            let twoM = 2 * m
            // Even step.
            var coefficient = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            coefficient = -(a + m) * (sumAB + m) * x / ((a + twoM) * (aPlusOne + twoM))
            d = 1 + coefficient * d
            if abs(d) < tiny { d = tiny }
            c = 1 + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) <= tolerance { break }
        }
        return result
    }
}
