import Foundation

/// Special functions (log-gamma, log-beta, incomplete beta and gamma) accurate in the tails.
///
/// The distributions in this module are built on these. Where a quantity and its complement are
/// both needed, the functions return the pair so that whichever one is small is computed directly
/// rather than as `1 - x`, which would lose all relative precision in the tail.
public enum SpecialFunctions {
    /// `log(sqrt(2 * pi))`.
    static let logSqrtTwoPi = 0.918_938_533_204_672_741_780_329_736_406

    /// Natural logarithm of the gamma function for `x > 0`.
    ///
    /// Uses Stirling's series with eight correction terms for `x >= 10` and the recurrence
    /// `Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k - 1))` below that. Relative error is about 1e-15
    /// away from the roots at 1 and 2, where the absolute error stays below 1e-15.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? .infinity : .nan }
        guard x.isFinite else { return x }
        if x >= 10 {
            return (x - 0.5) * Foundation.log(x) - x + logSqrtTwoPi + stirlingCorrection(x)
        }
        // Shift up past 10, dividing out the product of the skipped factors.
        var shifted = x
        var product = 1.0
        while shifted < 10 {
            product *= shifted
            shifted += 1
        }
        return logGamma(shifted) - Foundation.log(product)
    }

    /// Natural logarithm of the beta function `B(a, b)` for `a, b > 0`.
    ///
    /// For large arguments it combines the Stirling corrections directly instead of subtracting
    /// three large log-gamma values, which keeps full precision when `a` or `b` is in the millions.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = Swift.min(a, b)
        let q = Swift.max(a, b)
        guard p > 0 else { return p == 0 ? .infinity : .nan }
        if p >= 10 {
            let correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
            return -0.5 * Foundation.log(q) + logSqrtTwoPi + correction
                + (p - 0.5) * Foundation.log(p / (p + q)) + q * Foundation.log1p(-p / (p + q))
        }
        if q >= 10 {
            let correction = stirlingCorrection(q) - stirlingCorrection(p + q)
            return logGamma(p) + correction + p - p * Foundation.log(p + q)
                + (q - 0.5) * Foundation.log1p(-p / (p + q))
        }
        return logGamma(p) + logGamma(q) - logGamma(p + q)
    }

    /// The remainder `log Γ(x) - [(x - 1/2) log x - x + log √(2π)]` for `x >= 10`.
    ///
    /// Eight terms of the asymptotic series; the first omitted term is below 2e-18 at `x = 10`.
    static func stirlingCorrection(_ x: Double) -> Double {
        let inverse = 1 / x
        let inverseSquared = inverse * inverse
        // Coefficients B_2k / (2k (2k - 1)), highest order first for Horner's rule.
        let coefficients: [Double] = [
            -3617.0 / 122_400.0,
            1.0 / 156.0,
            -691.0 / 360_360.0,
            1.0 / 1188.0,
            -1.0 / 1680.0,
            1.0 / 1260.0,
            -1.0 / 360.0,
            1.0 / 12.0,
        ]
        var sum = 0.0
        for coefficient in coefficients {
            sum = sum * inverseSquared + coefficient
        }
        return sum * inverse
    }
}
