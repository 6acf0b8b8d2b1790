import Foundation

extension SpecialFunctions {
    /// Regularized lower incomplete gamma function `P(a, x)` for `a > 0`, `x >= 0`.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        incompleteGamma(a: a, x: x).lower
    }

    /// Regularized upper incomplete gamma function `Q(a, x) = 1 - P(a, x)`.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        incompleteGamma(a: a, x: x).upper
    }

    /// The pair `P(a, x)` and `Q(a, x)`, the smaller one computed directly.
    ///
    /// Series expansion for `x < a + 1`, Legendre's continued fraction (modified Lentz) otherwise,
    /// as in Numerical Recipes; the prefactor `x^a e^-x / Γ(a)` is formed in log space.
    public static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let logPrefactor = a * Foundation.log(x) - x - logGamma(a)
        if x < a + 1 {
            let lower = Foundation.exp(logPrefactor) * gammaSeries(a: a, x: x)
            return (lower, 1 - lower)
        }
        let upper = Foundation.exp(logPrefactor) * gammaContinuedFraction(a: a, x: x)
        return (1 - upper, upper)
    }

    /// `sum_{k>=0} x^k / (a (a+1) ... (a+k))`, which times the prefactor is `P(a, x)`.
    static func gammaSeries(a: Double, x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * Double.ulpOfOne { break }
        }
        return sum
    }

    /// Continued fraction which times the prefactor is `Q(a, x)`.
    static func gammaContinuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var result = d
        for i in 1...100_000 {
            let i = Double(i)
            let coefficient = -i * (i - a)
            b += 2
            d = coefficient * d + b
            if abs(d) < tiny { d = tiny }
            c = b + coefficient / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return result
    }
}
