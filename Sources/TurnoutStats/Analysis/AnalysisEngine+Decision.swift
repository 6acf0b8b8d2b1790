extension AnalysisEngine {
    /// Fills in the decision, the winner and the reasons.
    ///
    /// Nothing is concluded while assignment looks broken (SRM) or an arm is below
    /// `min_samples`, nor by a fixed test before its planned sample size. Then a variant that is
    /// significantly better wins (the best one if several); control wins when every variant is
    /// significantly worse; otherwise the final look (or reaching the planned size) ends with no
    /// difference and earlier looks keep running. A fixed test without a planned size is read as
    /// being at its horizon now.
    static func decide(_ result: inout AnalysisResult, _ request: AnalysisRequest) {
        if let srm = result.srm, srm.warning {
            result.reasons.append("sample ratio mismatch: p = \(srm.pValue) < \(request.srmThreshold); assignment does not match the weights, so no conclusion is drawn")
            return
        }
        if let short = request.arms.first(where: { $0.statistics.n < request.minSamples }) {
            result.reasons.append("arm \(short.name) has \(short.statistics.n) units, fewer than min_samples \(request.minSamples)")
            return
        }
        let reachedPlan = request.plannedSampleSize.map { planned in request.arms.allSatisfy { $0.statistics.n >= planned } } ?? false
        let atHorizon = request.isFinalLook || reachedPlan || (request.test == .fixed && request.plannedSampleSize == nil)
        if request.test == .fixed, !atHorizon {
            result.reasons.append("a fixed-horizon test is read only at its planned sample size (\(request.plannedSampleSize ?? 0) per arm)")
            return
        }
        let computed = result.variants.filter { $0.error == nil }
        let winners = computed.filter { $0.significant && isImprovement($0, request) }
        let losers = computed.filter { $0.significant && !isImprovement($0, request) }
        if let best = winners.max(by: { score($0, request) < score($1, request) }) {
            result.decision = .variantWins
            result.winner = best.name
            result.reasons.append("\(best.name) is significantly better than \(request.control)" + evidence(best, request))
        } else if !computed.isEmpty, losers.count == result.variants.count {
            result.decision = .controlWins
            result.winner = request.control
            result.reasons.append("every variant is significantly worse than \(request.control)")
        } else if atHorizon {
            result.decision = .noDifference
            result.reasons.append("no variant differs significantly from \(request.control) at the final look")
        } else {
            result.reasons.append("no significant difference yet; keep collecting data")
        }
        for variant in result.variants {
            if let error = variant.error { result.reasons.append("\(variant.name): \(error)") }
        }
    }

    /// Whether the variant moves the metric in the direction of the goal.
    static func isImprovement(_ variant: AnalysisResult.VariantComparison, _ request: AnalysisRequest) -> Bool {
        if request.test == .bayesian { return (variant.chanceToWin ?? 0) >= 0.5 }
        let effect = variant.effect ?? 0
        return request.goal == .maximize ? effect > 0 : effect < 0
    }

    /// Larger is better: the effect signed by the goal (chance to win for the Bayesian test).
    static func score(_ variant: AnalysisResult.VariantComparison, _ request: AnalysisRequest) -> Double {
        if request.test == .bayesian { return variant.chanceToWin ?? 0 }
        let effect = variant.effect ?? 0
        return request.goal == .maximize ? effect : -effect
    }

    static func evidence(_ variant: AnalysisResult.VariantComparison, _ request: AnalysisRequest) -> String {
        if request.test == .bayesian, let chance = variant.chanceToWin {
            return " (chance to win \(chance) >= \(1 - request.alpha))"
        }
        if let adjusted = variant.adjustedPValue {
            return " (adjusted p = \(adjusted) < \(request.alpha))"
        }
        return ""
    }
}
