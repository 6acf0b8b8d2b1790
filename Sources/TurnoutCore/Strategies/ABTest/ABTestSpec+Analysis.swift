import TurnoutStats

extension ABTestSpec {
    /// The statistics engine's input for one look at the test.
    ///
    /// - Parameters:
    ///   - statistics: each arm's count, sum and sum of squares of the metric since the test began.
    ///   - units: units assigned to each arm, for the sample-ratio check.
    ///   - elapsed: seconds since the test began; at ``maxDuration`` this is the final look.
    public func analysisRequest(statistics: [String: SufficientStatistics], units: [String: Int], elapsed: Double) -> AnalysisRequest {
        let arms = self.arms.map { name in
            AnalysisRequest.Arm(name: name, statistics: statistics[name] ?? .empty, assigned: units[name] ?? 0)
        }
        return AnalysisRequest(
            arms: arms,
            control: control,
            metric: metric == .errorRate ? .proportion : .mean,
            effect: effect,
            test: test,
            alpha: alpha,
            tuning: tuning,
            goal: goal,
            weights: Dictionary(uniqueKeysWithValues: weights.map { ($0.version, $0.weight) }),
            minSamples: minSamples,
            plannedSampleSize: test == .fixed ? minSamples : nil,
            isFinalLook: elapsed >= maxDuration
        )
    }
}
