/// The canary release as a pure state machine: the release state, the controller's progress,
/// the latest checks and the time in; the progress to keep and the transition to apply out.
///
/// The gateway drives it on every tick, whatever the phase, with
/// ``step(spec:state:progress:checks:now:)``:
/// 1. without checks; when an analysis is due (``isAnalysisDue(spec:state:progress:now:)``) the
///    step asks for the comparison of canary and stable on the traffic since
///    ``CanaryProgress/stepStartedAt``; the gateway runs it and steps again with the checks;
/// 2. keep the step's progress and carry out its actions: save the progress, keep the analysis,
///    apply the command with ``ReleaseLifecycle/apply(_:to:actor:now:reason:)``, persist the
///    transition, then route by ``routingWeights(spec:state:)`` of the new state.
///
/// ``decide(spec:state:progress:checks:now:)`` is the decision inside the step.
///
/// ## Rules
/// - Only a ``ReleasePhase/progressing`` release moves by analysis; a paused, aborted or
///   completed one is left alone.
/// - A step advances (`promote`) on the first analysis at or after the end of its pause in
///   which every check passes. The last step's `promote` promotes the release (canary at 100%).
/// - Every analysis with a failing check counts one failure; more failures than
///   `failure_limit` within a step abort the release, naming the failed checks.
/// - An analysis that neither fails nor passes (too little data, no traffic, no checks) is
///   inconclusive; once it has been so for `step_timeout`, the release pauses
///   (`inconclusive: pause`) or keeps waiting (`inconclusive: wait`). It never advances.
/// - A promoted release completes at once, or after the pause of a last step at 100%; a failing
///   check during that watch rolls back (or aborts, when the rollback window is closed).
/// - The progress starts afresh whenever the release's revision changes: a manual promote,
///   retry or resume restarts the step's pause, failures and inconclusive time.
public enum CanaryController {
    /// The progress that belongs to `state`: `progress` itself when it is for the state's
    /// revision, else a fresh one started when the state last changed.
    public static func progress(_ progress: CanaryProgress?, for state: ReleaseState) -> CanaryProgress {
        if let progress, progress.revision == state.revision, progress.step == state.step { return progress }
        return CanaryProgress(starting: state)
    }

    /// Whether the gateway should run the checks now: an ``CanaryAnalysisSpec/interval`` after
    /// the last analysis (or after the step began), while the release progresses or watches
    /// the canary at 100%.
    public static func isAnalysisDue(spec: CanarySpec, state: ReleaseState, progress: CanaryProgress?, now: Double) -> Bool {
        let progress = Self.progress(progress, for: state)
        let intervalOver = now - (progress.lastAnalysisAt ?? progress.stepStartedAt) >= spec.analysis.interval
        switch state.phase {
        case .progressing, .paused:
            // A paused canary still has its share of users: it is watched, and aborted if it fails.
            return intervalOver
        case .promoted:
            guard let watch = spec.promotionPause, watch > 0 else { return false }
            let end = progress.stepStartedAt + watch
            // During the watch at its interval, and once more when it is over, before completing.
            return now < end ? intervalOver : (progress.lastAnalysisAt ?? 0) < end
        case .aborted, .completed:
            return false
        }
    }

    /// One tick of the canary, in the shape every controller has (``ControllerStep``).
    ///
    /// Stepped without checks while ``isAnalysisDue(spec:state:progress:now:)``, it asks for
    /// them (``ControllerAction/compareVersions(since:baselineBefore:)``: the canary against
    /// stable since the step began, or, once promoted, against stable's traffic before the
    /// switch); else, and when stepped again with the checks, it decides: save the progress when
    /// it changed, record the analysis when checks ran, apply the decided command.
    ///
    /// - Parameters:
    ///   - progress: the previous step's progress; `nil` (after a restart) starts afresh.
    ///   - checks: the outcomes of the comparison the previous step at this `now` asked for,
    ///     or `nil` on the tick's first step.
    package static func step(spec: CanarySpec, state: ReleaseState, progress stored: CanaryProgress?, checks: [NamedCheck]?, now: Double) -> ControllerStep<CanaryProgress> {
        let progress = Self.progress(stored, for: state)
        if checks == nil, isAnalysisDue(spec: spec, state: state, progress: progress, now: now) {
            let window = ControllerAction.compareVersions(since: progress.stepStartedAt, baselineBefore: state.phase == .promoted ? state.promotedAt : nil)
            return ControllerStep(progress: progress, actions: [window])
        }
        let decision = decide(spec: spec, state: state, progress: progress, checks: checks, now: now)
        return ControllerStep(progress: decision.progress, actions: ControllerAction.afterDecision(
            progressChanged: decision.progress != stored, analysed: checks != nil, command: decision.command, reason: decision.reason
        ))
    }

    /// Decides the next transition, if any.
    ///
    /// - Parameters:
    ///   - progress: the previous decision's progress; `nil` (after a restart) starts afresh.
    ///   - checks: the outcomes of an analysis run now, or `nil` when none ran this tick.
    ///     An empty list counts as an inconclusive analysis.
    ///   - now: the current time, on the clock of the state's times.
    public static func decide(spec: CanarySpec, state: ReleaseState, progress: CanaryProgress?, checks: [NamedCheck]?, now: Double) -> CanaryDecision {
        let progress = Self.progress(progress, for: state)
        switch state.phase {
        case .progressing:
            return decideStep(spec: spec, state: state, progress: progress, checks: checks, now: now)
        case .promoted:
            return decidePromoted(spec: spec, state: state, progress: progress, checks: checks, now: now)
        case .paused:
            return decidePaused(spec: spec, state: state, progress: progress, checks: checks, now: now)
        case .aborted:
            return CanaryDecision(progress: progress, command: nil, reason: "aborted: all traffic is on \(spec.stable); retry restarts from the first step")
        case .completed:
            return CanaryDecision(progress: progress, command: nil, reason: "completed: \(spec.canary) has all the traffic")
        }
    }

    /// The sticky split for the state: the current step's weight while the release runs or
    /// holds, the canary alone once promoted or completed, the stable version alone once aborted.
    /// Stable is listed first, so a growing canary share keeps the units it already has.
    public static func routingWeights(spec: CanarySpec, state: ReleaseState) -> [VersionWeight] {
        switch state.phase {
        case .progressing, .paused: spec.weights(canaryPercent: spec.weight(atStep: state.step))
        case .promoted, .completed: spec.weights(canaryPercent: 100)
        case .aborted: spec.weights(canaryPercent: 0)
        }
    }

    private static func decideStep(spec: CanarySpec, state: ReleaseState, progress: CanaryProgress, checks: [NamedCheck]?, now: Double) -> CanaryDecision {
        let step = stepName(spec, state.step, of: state.stepCount)
        guard let checks else {
            return CanaryDecision(progress: progress, command: nil, reason: "\(step): waiting for the next analysis")
        }
        var next = progress
        next.lastAnalysisAt = now
        switch AnalysisVerdict(checks) {
        case .fail(let summary):
            next.failures += 1
            next.inconclusiveSince = nil
            let limit = spec.analysis.failureLimit
            guard next.failures > limit else {
                let reason = "\(step): analysis failed (\(next.failures) of \(limit) tolerated failures): \(summary)"
                return CanaryDecision(progress: next, command: nil, reason: reason)
            }
            let reason = "canary \(spec.canary) failed analysis at \(step) \(times(next.failures)), more than failure_limit \(limit): \(summary)"
            return CanaryDecision(progress: next, command: .abort(reason: reason), reason: reason)
        case .inconclusive(let summary):
            let since = progress.inconclusiveSince ?? progress.lastAnalysisAt ?? progress.stepStartedAt
            next.inconclusiveSince = since
            let waited = now - since
            let timeout = spec.analysis.stepTimeout
            guard waited >= timeout else {
                let reason = "\(step): analysis inconclusive for \(AnalysisVerdict.seconds(waited)) (step_timeout \(AnalysisVerdict.seconds(timeout))): \(summary)"
                return CanaryDecision(progress: next, command: nil, reason: reason)
            }
            let base = "\(step): analysis inconclusive for \(AnalysisVerdict.seconds(waited)), reaching step_timeout \(AnalysisVerdict.seconds(timeout)): \(summary)"
            switch spec.analysis.inconclusive {
            case .pause:
                let reason = base + "; paused for a human to resume, promote or abort"
                return CanaryDecision(progress: next, command: .pause, reason: reason)
            case .wait:
                return CanaryDecision(progress: next, command: nil, reason: base + "; still waiting (inconclusive: wait)")
            }
        case .pass:
            next.inconclusiveSince = nil
            let remaining = (spec.pause(atStep: state.step) ?? 0) - (now - progress.stepStartedAt)
            guard remaining <= 0 else {
                let reason = "\(step): checks pass; the step's pause ends in \(AnalysisVerdict.seconds(remaining))"
                return CanaryDecision(progress: next, command: nil, reason: reason)
            }
            let reason = state.isAtLastStep
                ? "checks passed at \(step); promoting \(spec.canary) to 100%"
                : "checks passed at \(step); advancing to \(stepName(spec, state.step + 1, of: state.stepCount))"
            return CanaryDecision(progress: next, command: .promote, reason: reason)
        }
    }

    /// A paused canary never advances, but failing checks still abort it.
    private static func decidePaused(spec: CanarySpec, state: ReleaseState, progress: CanaryProgress, checks: [NamedCheck]?, now: Double) -> CanaryDecision {
        let step = stepName(spec, state.step, of: state.stepCount)
        var next = progress
        let waiting = "paused at \(step); resume, promote or abort"
        guard let checks else { return CanaryDecision(progress: next, command: nil, reason: waiting) }
        next.lastAnalysisAt = now
        guard case .fail(let summary) = AnalysisVerdict(checks) else { return CanaryDecision(progress: next, command: nil, reason: waiting) }
        next.failures += 1
        let limit = spec.analysis.failureLimit
        guard next.failures > limit else {
            return CanaryDecision(progress: next, command: nil, reason: "\(waiting); analysis failed (\(next.failures) of \(limit) tolerated failures): \(summary)")
        }
        let reason = "canary \(spec.canary) failed analysis while paused at \(step) \(times(next.failures)), more than failure_limit \(limit): \(summary)"
        return CanaryDecision(progress: next, command: .abort(reason: reason), reason: reason)
    }

    private static func decidePromoted(spec: CanarySpec, state: ReleaseState, progress: CanaryProgress, checks: [NamedCheck]?, now: Double) -> CanaryDecision {
        var next = progress
        if let checks {
            next.lastAnalysisAt = now
            if case .fail(let summary) = AnalysisVerdict(checks) {
                next.failures += 1
                let limit = spec.analysis.failureLimit
                if next.failures > limit {
                    let reason = "canary \(spec.canary) failed analysis at 100% \(times(next.failures)), more than failure_limit \(limit): \(summary); back to \(spec.stable)"
                    return CanaryDecision(progress: next, command: ReleaseLifecycle.rollbackOrAbort(state: state, now: now, reason: reason), reason: reason)
                }
            }
        }
        let watch = spec.promotionPause ?? 0
        let watched = now - progress.stepStartedAt
        guard watched >= watch, watch == 0 || (next.lastAnalysisAt ?? 0) >= progress.stepStartedAt + watch else {
            let reason = watched < watch
                ? "\(spec.canary) has all the traffic; watching for another \(AnalysisVerdict.seconds(watch - watched)) before completing"
                : "\(spec.canary) has all the traffic; the watch is over, waiting for its final analysis"
            return CanaryDecision(progress: next, command: nil, reason: reason)
        }
        let reason = watch > 0
            ? "\(spec.canary) had all the traffic for \(AnalysisVerdict.seconds(watched)) without failing checks; completed"
            : "\(spec.canary) has all the traffic; completed"
        return CanaryDecision(progress: next, command: .complete, reason: reason)
    }

    private static func stepName(_ spec: CanarySpec, _ step: Int, of count: Int) -> String {
        "step \(step + 1) of \(count) (\(AnalysisVerdict.percent(spec.weight(atStep: step))))"
    }

    private static func times(_ count: Int) -> String {
        count == 1 ? "once" : "\(count) times"
    }
}
