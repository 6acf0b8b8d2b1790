import Foundation

/// Draws from continuous distributions with any random number generator.
///
/// Pure functions of the generator's state: the same seeded generator gives the same draws, which
/// keeps randomized bandit policies and their simulations reproducible.
public enum RandomVariate {
    /// A uniform double in `[0, 1)` from the top 53 bits of one generator output.
    public static func uniform(using generator: inout some RandomNumberGenerator) -> Double {
        Double(generator.next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in `(0, 1)`: the midpoint of a 2⁻⁵³ cell, so its logarithm is finite.
    public static func openUniform(using generator: inout some RandomNumberGenerator) -> Double {
        (Double(generator.next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A standard normal draw by Marsaglia's polar method.
    ///
    /// The method yields two independent normals per accepted pair; only one is returned, because
    /// keeping the other would need state outside the generator and break purity.
    public static func standardNormal(using generator: inout some RandomNumberGenerator) -> Double {
        while true {
            let u = 2 * uniform(using: &generator) - 1
            let v = 2 * uniform(using: &generator) - 1
            let s = u * u + v * v
            if s > 0, s < 1 {
                return u * (-2 * Foundation.log(s) / s).squareRoot()
            }
        }
    }

    /// A draw from the normal distribution with the given mean and standard deviation.
    public static func normal(
        mean: Double, standardDeviation: Double, using generator: inout some RandomNumberGenerator
    ) -> Double {
        mean + standardDeviation * standardNormal(using: &generator)
    }

    /// A draw from Gamma(`shape`, 1), for `shape > 0`, by Marsaglia and Tsang's method (2000).
    ///
    /// For `shape < 1` it draws Gamma(`shape + 1`) and scales by `U^(1/shape)`, the boost the same
    /// paper gives, since the squeeze needs `shape ≥ 1/3` to stay valid.
    public static func gamma(shape: Double, using generator: inout some RandomNumberGenerator) -> Double {
        precondition(shape > 0, "the gamma shape must be positive")
        if shape < 1 {
            let boosted = marsagliaTsang(shape: shape + 1, using: &generator)
            return boosted * Foundation.pow(openUniform(using: &generator), 1 / shape)
        }
        return marsagliaTsang(shape: shape, using: &generator)
    }

    /// A draw from Beta(`alpha`, `beta`), both positive, as `X / (X + Y)` with `X ~ Gamma(alpha)` and
    /// `Y ~ Gamma(beta)`.
    public static func beta(_ alpha: Double, _ beta: Double, using generator: inout some RandomNumberGenerator) -> Double {
        let x = gamma(shape: alpha, using: &generator)
        let y = gamma(shape: beta, using: &generator)
        return x / (x + y)
    }

    /// Marsaglia–Tsang for `shape ≥ 1`: a transformed normal accepted by a cheap squeeze and, rarely,
    /// the exact log test.
    private static func marsagliaTsang(shape: Double, using generator: inout some RandomNumberGenerator) -> Double {
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = standardNormal(using: &generator)
            let root = 1 + c * x
            guard root > 0 else { continue }
            let v = root * root * root
            let u = openUniform(using: &generator)
            let xSquared = x * x
            if u < 1 - 0.0331 * xSquared * xSquared { return d * v }
            if Foundation.log(u) < 0.5 * xSquared + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }
}
