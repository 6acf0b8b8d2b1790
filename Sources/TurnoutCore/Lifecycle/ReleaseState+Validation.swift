extension ReleaseState {
    /// The problems of a state decoded from the store (written by an older version, or damaged),
    /// checked against `model` as configured now; empty when it can be resumed safely.
    public func validationIssues(for model: ModelConfig) -> [ConfigIssue] {
        var issues = spec.validationIssues(for: model)
        if !(1...ConfigBounds.maxCount).contains(stepCount) {
            issues.append(ConfigIssue(path: "step_count", message: "expected a step count from 1 to \(ConfigBounds.maxCount), got \(stepCount)"))
        }
        if !(0...max(0, stepCount)).contains(step) {
            issues.append(ConfigIssue(path: "step", message: "expected a step from 0 to \(stepCount), got \(step)"))
        }
        if revision < 0 {
            issues.append(ConfigIssue(path: "revision", message: "expected a revision of 0 or more, got \(revision)"))
        }
        for (key, time) in [("updated_at", updatedAt), ("promoted_at", promotedAt), ("rollback_window", rollbackWindow)] {
            if let time, !(time.isFinite && time >= 0 && time < Self.latestTime) {
                issues.append(ConfigIssue(path: key, message: "expected seconds from 0 to \(Int(Self.latestTime)), got \(time)"))
            }
        }
        return issues
    }

    /// A bound on stored times (Unix seconds, or a rollback window): the year 9999.
    private static let latestTime = 253_402_300_800.0
}
