extension ReleaseLifecycle {
    /// Moves phase and step for an allowed command and describes the change.
    static func change(_ state: inout ReleaseState, by command: LifecycleCommand, now: Double) -> String {
        switch command {
        case .promote:
            if state.isAtLastStep { return promote(&state, now: now, description: "promoted after the last step") }
            state.step += 1
            state.phase = .progressing
            return "advanced to step \(state.step + 1) of \(state.stepCount)"
        case .promoteFull:
            return promote(&state, now: now, description: "promoted fully, skipping the remaining steps")
        case .abort(let reason):
            state.phase = .aborted
            return reason
        case .retry:
            state.step = 0
            state.phase = .progressing
            state.promotedAt = nil
            state.promotedVersion = nil
            return "retried from the first step"
        case .rollback:
            state.phase = .aborted
            return "rolled back to \(state.previousStable ?? "the previous stable version")"
        case .pause:
            state.phase = .paused
            return "paused at step \(state.step + 1) of \(state.stepCount)"
        case .resume:
            state.phase = .progressing
            return "resumed at step \(state.step + 1) of \(state.stepCount)"
        case .complete:
            state.phase = .completed
            return "completed"
        }
    }

    private static func promote(_ state: inout ReleaseState, now: Double, description: String) -> String {
        state.step = state.stepCount
        state.phase = .promoted
        state.promotedAt = now
        return description
    }

    /// Why a rollback that the phase allows still cannot happen, if it cannot.
    static func rollbackRefusal(for state: ReleaseState, now: Double) -> LifecycleError? {
        guard state.previousStable != nil else {
            return .noPreviousStable(model: state.model, phase: state.phase)
        }
        guard let window = state.rollbackWindow else { return nil }
        // A promoted state always records promotedAt; the fallback only guards hand-made states.
        let elapsed = now - (state.promotedAt ?? state.updatedAt)
        return elapsed > window ? .rollbackWindowClosed(model: state.model, elapsed: elapsed, window: window) : nil
    }
}
