import Foundation

/// A chi-square distribution with `degreesOfFreedom > 0`.
public struct ChiSquaredDistribution: Sendable, Hashable {
    /// Degrees of freedom; need not be an integer.
    public var degreesOfFreedom: Double

    /// A chi-square distribution with the given degrees of freedom.
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// `P(X <= x)` = `P(k/2, x/2)`.
    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 0 }
        return SpecialFunctions.incompleteGamma(a: degreesOfFreedom / 2, x: x / 2).lower
    }

    /// `P(X > x)` = `Q(k/2, x/2)`, computed directly so tiny p-values keep their precision.
    public func sf(_ x: Double) -> Double {
        guard x > 0 else { return x.isNaN ? .nan : 1 }
        return SpecialFunctions.incompleteGamma(a: degreesOfFreedom / 2, x: x / 2).upper
    }
}
