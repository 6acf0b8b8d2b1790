import Foundation

/// Student's t distribution with any positive, not necessarily integer, degrees of freedom.
///
/// The CDF is `I_x(ν/2, 1/2) / 2` with `x = ν / (ν + t²)`, both tails computed directly, so
/// p-values far in the tail keep their relative precision. From ν = 10⁵ on, where the continued
/// fraction slowly turns ill-conditioned (x sits next to its switch point, costing ~1e-9 by
/// ν = 10⁸), Hill's normalizing transformation (ACM Algorithm 395, 1970) takes over:
/// `z = √y (1 + (y + 3)/b + …)` with `y = (ν - ½) ln(1 + t²/ν)`, `b = 48 (ν - ½)²`, accurate to
/// about 1e-13 relative there. The quantile inverts the survival function with safeguarded
/// Newton steps in `log t`, started from a Cornish–Fisher expansion or from the power-law tail,
/// whichever is closer.
public struct StudentTDistribution: Sendable, Hashable {
    /// Degrees of freedom ν > 0; `.infinity` gives the standard normal.
    public var degreesOfFreedom: Double

    /// A t distribution with the given degrees of freedom.
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Probability density at `t`.
    public func pdf(_ t: Double) -> Double {
        Foundation.exp(logPDF(t))
    }

    /// `P(T <= t)`.
    public func cdf(_ t: Double) -> Double {
        t < 0 ? tailProbability(-t) : 1 - tailProbability(t)
    }

    /// `P(T > t)`, computed directly (not as `1 - cdf`).
    public func sf(_ t: Double) -> Double {
        cdf(-t)
    }

    /// The `p`-quantile: the `t` with `P(T <= t) = p`.
    public func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        // 1 - p is exact for p >= 0.5 (Sterbenz), so the upper half loses nothing.
        return p < 0.5 ? -upperTailQuantile(p) : upperTailQuantile(1 - p)
    }

    /// The upper `q`-quantile: the `t` with `P(T > t) = q`; use it instead of `quantile(1 - q)`
    /// when `q` is tiny.
    public func upperQuantile(_ q: Double) -> Double {
        -quantile(q)
    }

    // MARK: - Internals

    private var nu: Double { degreesOfFreedom }

    /// Degrees of freedom from which Hill's transformation replaces the continued fraction.
    static let asymptoticThreshold = 1e5

    /// `P(T > |t|)` = `P(T < -|t|)`, the probability of one tail beyond `|t|`.
    func tailProbability(_ t: Double) -> Double {
        let t = abs(t)
        if t.isNaN || nu.isNaN || nu <= 0 { return .nan }
        if t == 0 { return 0.5 }
        if nu.isInfinite { return NormalDistribution.standardCDF(-t) }
        if t.isInfinite { return 0 }
        if nu >= Self.asymptoticThreshold {
            return NormalDistribution.standardCDF(-hillNormalDeviate(t))
        }
        // x = ν / (ν + t²) and y = t² / (ν + t²), and their logarithms, each formed without
        // subtracting from one and without squaring t or dividing by t² where that would
        // overflow or underflow.
        let scaled = t / nu.squareRoot()
        let x: Double
        let y: Double
        let logX: Double
        let logY: Double
        if scaled < 1 {
            let ratio = scaled * scaled
            x = 1 / (1 + ratio)
            y = ratio / (1 + ratio)
            logX = -Foundation.log1p(ratio)
            logY = 2 * Foundation.log(scaled) + logX
        } else {
            let inverse = nu.squareRoot() / t
            let ratio = inverse * inverse
            x = ratio / (1 + ratio)
            y = 1 / (1 + ratio)
            logY = -Foundation.log1p(ratio)
            logX = Foundation.log(nu) - 2 * Foundation.log(t) + logY
        }
        return 0.5 * SpecialFunctions.incompleteBeta(x: x, complement: y, logX: logX, logY: logY, a: nu / 2, b: 0.5).lower
    }

    /// Hill's (1970) normal deviate with the same tail probability as `t` (t >= 0, large ν).
    private func hillNormalDeviate(_ t: Double) -> Double {
        let a = nu - 0.5
        let b = 48 * a * a
        let scaled = t / nu.squareRoot()
        let y = a * Foundation.log1p(scaled * scaled)
        let correction = ((((-0.4 * y - 3.3) * y - 24) * y - 85.5) / (0.8 * y * y + 100 + b) + y + 3) / b + 1
        return correction * y.squareRoot()
    }

    /// Log of the density, `-(ν+1)/2 log(1 + t²/ν) - log(√ν B(ν/2, 1/2))`.
    func logPDF(_ t: Double) -> Double {
        if nu.isInfinite { return -0.5 * t * t - SpecialFunctions.logSqrtTwoPi }
        return -(nu + 1) / 2 * Foundation.log1p(t * t / nu)
            - 0.5 * Foundation.log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5)
    }

    /// Solves `P(T > t) = q` for `t >= 0`, `0 < q <= 0.5`.
    private func upperTailQuantile(_ q: Double) -> Double {
        if q == 0.5 { return 0 }
        if nu.isInfinite { return -NormalDistribution.standardQuantile(q) }
        if nu == 1 { return 1 / Foundation.tan(Double.pi * q) }
        if nu == 2 { return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot() }
        // With ν < 1 the tail is so heavy that tiny q can lie beyond the largest double.
        if tailProbability(.greatestFiniteMagnitude) > q { return .infinity }
        return refineUpperTailQuantile(q, start: startingPoint(q))
    }

    /// The better of the Cornish–Fisher and power-law tail approximations of the upper quantile.
    private func startingPoint(_ q: Double) -> Double {
        let z = -NormalDistribution.standardQuantile(q)
        let z2 = z * z
        let terms = [
            z,
            (z2 + 1) * z / 4,
            ((5 * z2 + 16) * z2 + 3) * z / 96,
            (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384,
            ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160,
        ]
        var cornishFisher = 0.0
        var power = 1.0
        for term in terms {
            cornishFisher += term * power
            power /= nu
        }
        // P(T > t) ≈ K ν^((ν-1)/2) t^-ν for large t, K the density's normalising constant.
        let logK = -0.5 * Foundation.log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5)
        let tail = Foundation.exp((logK + (nu - 1) / 2 * Foundation.log(nu) - Foundation.log(q)) / nu)
        let candidates = [cornishFisher, tail].filter { $0 > 0 && $0.isFinite }
        guard !candidates.isEmpty else { return 1 }
        let logQ = Foundation.log(q)
        return candidates.min { first, second in
            abs(Foundation.log(tailProbability(first)) - logQ)
                < abs(Foundation.log(tailProbability(second)) - logQ)
        } ?? 1
    }

    /// Newton's method on `g(u) = log P(T > e^u) - log q`, kept inside a bracket by bisection.
    private func refineUpperTailQuantile(_ q: Double, start: Double) -> Double {
        let logQ = Foundation.log(q)
        var u = Foundation.log(start)
        var lowerBound = -Double.infinity  // g > 0 here: t too small
        var upperBound = Double.infinity  // g < 0 here: t too large
        for _ in 0..<200 {
            let t = Foundation.exp(u)
            let tail = tailProbability(t)
            let g = Foundation.log(tail) - logQ
            if g == 0 { return t }
            if g > 0 { lowerBound = Swift.max(lowerBound, u) } else { upperBound = Swift.min(upperBound, u) }
            // d/du log P(T > e^u) = -t f(t) / P(T > t)
            let slope = -t * Foundation.exp(logPDF(t)) / tail
            var next = u - g / slope
            if !(next > lowerBound && next < upperBound) || !next.isFinite {
                if lowerBound.isFinite && upperBound.isFinite {
                    next = (lowerBound + upperBound) / 2
                } else {
                    next = g > 0 ? u + 1 : u - 1
                }
            }
            if abs(next - u) <= 2 * Double.ulpOfOne * Swift.max(1, abs(u)) {
                return Foundation.exp(next)
            }
            u = next
        }
        return Foundation.exp(u)
    }
}
