import TurnoutCore

/// The last analysis at each step of one release, for the dashboard's step timeline: the
/// controller keeps only its newest look, and a step's verdicts would be gone once the next
/// step is judged. A release with another spec starts afresh.
struct StepAnalyses: Sendable {
    private(set) var spec: ReleaseSpec
    private(set) var byStep: [Int: RolloutAnalysis] = [:]

    init(spec: ReleaseSpec) {
        self.spec = spec
    }

    /// Keeps `analysis` as the last of its step, under the release `spec`.
    mutating func record(_ analysis: RolloutAnalysis, spec: ReleaseSpec) {
        if spec != self.spec { self = StepAnalyses(spec: spec) }
        guard let step = analysis.step else { return }
        byStep[step] = analysis
    }

    /// The analyses in step order.
    var inStepOrder: [RolloutAnalysis] {
        byStep.keys.sorted().compactMap { byStep[$0] }
    }
}
