extension EffectEstimate {
    /// The absolute difference `variant - control` of two arms' means, allowing one arm (but not
    /// both) to have zero variance; `nil` when the difference has no sampling variance at all.
    ///
    /// ``EffectEstimate/init(control:variant:metric:scale:)`` refuses any arm with zero variance
    /// because a relative effect and Welch's degrees of freedom need both. A canary check only
    /// needs the variance of the difference, which is positive as soon as one arm varies: a stable
    /// version with no errors at all is the normal case, not an error. The degrees of freedom are
    /// infinite (normal-based), which is what the sequential test assumes anyway.
    init?(absoluteDifference control: SufficientStatistics, variant: SufficientStatistics, metric: MetricKind) {
        guard control.n > 0, variant.n > 0 else { return nil }
        // Rounding can push the sum-of-squares variance of a constant sample slightly below zero.
        let varianceA = Swift.max(0, control.variance(for: metric))
        let varianceB = Swift.max(0, variant.variance(for: metric))
        let variance = varianceB / Double(variant.n) + varianceA / Double(control.n)
        guard variance > 0, variance.isFinite else { return nil }
        effect = variant.mean - control.mean
        self.variance = variance
        degreesOfFreedom = .infinity
        totalUnits = control.n + variant.n
    }
}
