import TurnoutAdminAPI
import TurnoutStats

extension ABTestResultAnswer {
    /// The engine's result as the admin API shows it; the same keys and `null`s as
    /// `AnalysisResult`'s own encoding, which `turnout analyze` prints.
    init(_ result: AnalysisResult) {
        self.init(
            test: result.test.rawValue,
            effect: result.effect.rawValue,
            alpha: result.alpha,
            control: result.control,
            arms: result.arms.map { Arm(name: $0.name, n: $0.n, mean: finite($0.mean), ci: $0.interval.map(bounds)) },
            variants: result.variants.map { variant in
                Variant(
                    name: variant.name, effect: variant.effect.flatMap(finite), ci: variant.interval.map(bounds),
                    se: variant.standardError.flatMap(finite), pValue: variant.pValue.flatMap(finite),
                    adjustedPValue: variant.adjustedPValue.flatMap(finite), chanceToWin: variant.chanceToWin.flatMap(finite),
                    risk: variant.risk.map { Risk(control: $0.control, variant: $0.variant) },
                    significant: variant.significant, error: variant.error
                )
            },
            srm: result.srm.map { SampleRatio(statistic: finite($0.statistic), pValue: finite($0.pValue), warning: $0.warning) },
            decision: result.decision.rawValue,
            winner: result.winner,
            reasons: result.reasons
        )
    }
}

/// An interval as `[lower, upper]`, `nil` (JSON `null`) for an unbounded side.
private func bounds(_ interval: Interval) -> [Double?] {
    [finite(interval.lower), finite(interval.upper)]
}

private func finite(_ value: Double) -> Double? {
    value.isFinite ? value : nil
}
