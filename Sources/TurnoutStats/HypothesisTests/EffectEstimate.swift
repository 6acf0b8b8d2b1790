/// The estimated effect of a variant over control with its sampling variance.
///
/// Absolute: `Δ = m_b - m_a`, `Var = s_b²/n_b + s_a²/n_a`. Relative: `Δ = (m_b - m_a) / m_a`
/// with the delta-method variance `s_b²/(m_a² n_b) + s_a² m_b²/(m_a⁴ n_a)`, as in GrowthBook's
/// `frequentist_variance`. Degrees of freedom are Welch–Satterthwaite.
public struct EffectEstimate: Sendable, Hashable {
    /// The point estimate of the effect.
    public let effect: Double
    /// The sampling variance of the estimate.
    public let variance: Double
    /// Welch–Satterthwaite degrees of freedom of the unequal-variance t statistic.
    public let degreesOfFreedom: Double
    /// Total units in both arms (the "time" of the sequential test).
    public let totalUnits: Int

    /// The standard error, `√variance`.
    public var standardError: Double { variance.squareRoot() }

    /// Estimates the effect of `variant` over `control`.
    ///
    /// - Throws: ``StatisticsError/emptyArm``, ``StatisticsError/zeroControlMean`` (relative
    ///   scale only) or ``StatisticsError/zeroVariance``.
    public init(
        control: SufficientStatistics, variant: SufficientStatistics, metric: MetricKind, scale: EffectScale
    ) throws(StatisticsError) {
        guard control.n > 0, variant.n > 0 else { throw .emptyArm }
        let meanA = control.mean
        let meanB = variant.mean
        if scale == .relative, meanA == 0 { throw .zeroControlMean }
        let varianceA = control.variance(for: metric)
        let varianceB = variant.variance(for: metric)
        guard varianceA > 0, varianceB > 0 else { throw .zeroVariance }
        let nA = Double(control.n)
        let nB = Double(variant.n)
        switch scale {
        case .absolute:
            effect = meanB - meanA
            variance = varianceB / nB + varianceA / nA
        case .relative:
            effect = (meanB - meanA) / meanA
            variance = varianceB / (meanA * meanA * nB) + varianceA * meanB * meanB / (meanA * meanA * meanA * meanA * nA)
        }
        let perUnitA = varianceA / nA
        let perUnitB = varianceB / nB
        let numerator = (perUnitA + perUnitB) * (perUnitA + perUnitB)
        let denominator = perUnitB * perUnitB / (nB - 1) + perUnitA * perUnitA / (nA - 1)
        degreesOfFreedom = numerator / denominator
        totalUnits = control.n + variant.n
    }
}
