import TurnoutCore

/// Hand-made release states in every phase, shared by the lifecycle tests.
enum LifecycleFixtures {
    static let model = "breast-cancer"
    static let startedAt = 1_000.0
    static let now = 1_060.0
    static let window = 600.0
    static let canarySteps = 3

    static let split = ReleaseSpec.split(weights: [
        VersionWeight(version: "v1", weight: 90),
        VersionWeight(version: "v2", weight: 10),
    ])

    /// A three-step release: mid-way (step 1) while it runs or after an abort, past the last
    /// step (3) once promoted, promoted a minute before ``now``.
    static func state(in phase: ReleasePhase) -> ReleaseState {
        let finished = phase == .promoted || phase == .completed
        return ReleaseState(
            model: model,
            spec: split,
            stepCount: canarySteps,
            step: finished ? canarySteps : 1,
            phase: phase,
            revision: 7,
            updatedAt: startedAt,
            previousStable: "v1",
            rollbackWindow: window,
            promotedAt: finished ? startedAt : nil,
            reason: "fixture"
        )
    }

    static func command(_ action: LifecycleAction) -> LifecycleCommand {
        switch action {
        case .promote: .promote
        case .promoteFull: .promoteFull
        case .abort: .abort(reason: "error rate 4% above stable")
        case .retry: .retry
        case .rollback: .rollback
        case .pause: .pause
        case .resume: .resume
        case .complete: .complete
        }
    }
}
