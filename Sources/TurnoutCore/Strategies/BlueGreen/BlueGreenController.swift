/// The blue-green release as a pure state machine: the release state, the controller's
/// progress, what the gateway observed and the time in; the progress to keep and the
/// transition to apply out.
///
/// In the lifecycle a blue-green release is one step. ``ReleasePhase/progressing`` prepares the
/// preview while the active version answers (the preview is reachable pinned or by header);
/// `promote_full` (or a manual `promote`) is the switch, after which the release is
/// ``ReleasePhase/promoted`` and the preview answers every new request; `complete` ends the
/// post-promotion window; `rollback` switches back. Start the release with
/// `stepCount: 1, previousStable: spec.active, rollbackWindow: spec.rollbackWindow` so that
/// ``ReleaseLifecycle`` refuses `turnout rollback` once the window has closed.
///
/// The gateway drives it on every tick, whatever the phase, with
/// ``step(spec:state:progress:inputs:now:)``:
/// 1. without inputs; the step asks for what ``plan(spec:state:progress:now:)`` wants run
///    (smoke tests, pre-promotion evaluation, post-promotion checks); the gateway runs it, puts
///    the outcomes into ``BlueGreenInputs`` and steps again with them;
/// 2. keep the step's progress and carry out its actions: save the progress, keep the analysis,
///    apply the command with ``ReleaseLifecycle/apply(_:to:actor:now:reason:)``, persist the
///    transition, then route to ``liveVersion(spec:state:)`` of the new state.
///
/// ``decide(spec:state:progress:inputs:now:)`` is the decision inside the step; the plan also
/// says how much traffic to mirror to the preview and whether to keep the active version ready.
///
/// ## Rules
/// - Before the switch: the smoke tests run first (again every analysis interval while they
///   cannot run); a failure pauses the release and it never switches on its own. Then the
///   pre-promotion analysis: a failure pauses; inconclusive for `step_timeout` of the
///   post-promotion analysis settings pauses or keeps waiting, as `inconclusive` says.
/// - When every configured check passed, `auto_promote: true` switches (`promote_full`);
///   `auto_promote: false` waits for `turnout promote`.
/// - After the switch: more failed post-promotion analyses than `failure_limit` switch back at
///   once (`rollback`, or `abort` when the rollback window is already closed); once `window`
///   has passed without that, the release completes. Inconclusive analyses do not hold it.
/// - The progress starts afresh whenever the release's revision changes, so a resumed release
///   runs its checks again.
public enum BlueGreenController {
    /// The progress that belongs to `state`: `progress` itself when it is for the state's
    /// revision, else a fresh one started when the state last changed.
    public static func progress(_ progress: BlueGreenProgress?, for state: ReleaseState) -> BlueGreenProgress {
        if let progress, progress.revision == state.revision { return progress }
        return BlueGreenProgress(starting: state)
    }

    /// What the gateway should run and mirror on this tick.
    public static func plan(spec: BlueGreenSpec, state: ReleaseState, progress: BlueGreenProgress?, now: Double) -> BlueGreenPlan {
        let progress = Self.progress(progress, for: state)
        let due = now - (progress.lastAnalysisAt ?? progress.phaseStartedAt) >= spec.postPromotion.analysis.interval
        switch state.phase {
        case .progressing:
            let smokeNeeded = !spec.smoke.isEmpty && progress.smokePassed == nil
            let smokePassed = spec.smoke.isEmpty || progress.smokePassed == true
            let preUndecided = spec.prePromotion != nil && progress.prePromotionPassed == nil
            let mirror = preUndecided && progress.smokePassed != false ? spec.prePromotion?.mirror ?? 0 : 0
            return BlueGreenPlan(
                runSmoke: smokeNeeded && (progress.lastAnalysisAt == nil || due), mirrorPercent: mirror,
                evaluatePrePromotion: preUndecided && smokePassed && due, analyzePostPromotion: false, keepActiveReady: true
            )
        case .promoted:
            return BlueGreenPlan(runSmoke: false, mirrorPercent: 0, evaluatePrePromotion: false, analyzePostPromotion: due, keepActiveReady: true)
        case .paused, .aborted:
            return BlueGreenPlan(runSmoke: false, mirrorPercent: 0, evaluatePrePromotion: false, analyzePostPromotion: false, keepActiveReady: true)
        case .completed:
            let canRollBack = ReleaseLifecycle.rollbackRefusal(for: state, now: now) == nil
            return BlueGreenPlan(runSmoke: false, mirrorPercent: 0, evaluatePrePromotion: false, analyzePostPromotion: false, keepActiveReady: canRollBack)
        }
    }

    /// One tick of the release, in the shape every controller has (``ControllerStep``).
    ///
    /// Stepped without inputs, it asks for what ``plan(spec:state:progress:now:)`` wants run
    /// (``ControllerAction/runSmoke``, ``ControllerAction/judgeMirroredTraffic``, and
    /// ``ControllerAction/compareVersions(since:baselineBefore:)``: the preview since the switch
    /// against the active version's traffic before it), or decides at once when it wants
    /// nothing; stepped again with the inputs, it decides: save the progress when it changed,
    /// record the analysis when checks ran, apply the decided command.
    ///
    /// - Parameters:
    ///   - progress: the previous step's progress; `nil` (after a restart) starts afresh.
    ///   - inputs: the outcomes of what the previous step at this `now` asked for (a field
    ///     stays `nil` when its check could not give one yet), or `nil` on the tick's first step.
    package static func step(spec: BlueGreenSpec, state: ReleaseState, progress stored: BlueGreenProgress?, inputs: BlueGreenInputs?, now: Double) -> ControllerStep<BlueGreenProgress> {
        let progress = Self.progress(stored, for: state)
        if inputs == nil {
            let wanted = observations(plan(spec: spec, state: state, progress: progress, now: now), since: progress.phaseStartedAt, switchedAt: state.promotedAt)
            if !wanted.isEmpty { return ControllerStep(progress: progress, actions: wanted) }
        }
        let observed = inputs ?? BlueGreenInputs()
        let decision = decide(spec: spec, state: state, progress: progress, inputs: observed, now: now)
        let analysed = observed.smoke != nil || observed.prePromotion != nil || !(observed.postPromotion ?? []).isEmpty
        return ControllerStep(progress: decision.progress, actions: ControllerAction.afterDecision(
            progressChanged: decision.progress != stored, analysed: analysed, command: decision.command, reason: decision.reason
        ))
    }

    /// The observations a plan asks the gateway for.
    private static func observations(_ plan: BlueGreenPlan, since phaseStart: Double, switchedAt: Double?) -> [ControllerAction] {
        var wanted: [ControllerAction] = []
        if plan.runSmoke { wanted.append(.runSmoke) }
        if plan.evaluatePrePromotion { wanted.append(.judgeMirroredTraffic) }
        if plan.analyzePostPromotion { wanted.append(.compareVersions(since: phaseStart, baselineBefore: switchedAt)) }
        return wanted
    }

    /// Decides the next transition, if any.
    ///
    /// - Parameters:
    ///   - progress: the previous decision's progress; `nil` (after a restart) starts afresh.
    ///   - inputs: the outcomes of the checks the plan asked for; `nil` fields did not run.
    ///   - now: the current time, on the clock of the state's times.
    public static func decide(spec: BlueGreenSpec, state: ReleaseState, progress: BlueGreenProgress?, inputs: BlueGreenInputs, now: Double) -> BlueGreenDecision {
        let progress = Self.progress(progress, for: state)
        switch state.phase {
        case .progressing:
            return decidePreparation(spec: spec, progress: progress, inputs: inputs, now: now)
        case .promoted:
            return decideSwitched(spec: spec, state: state, progress: progress, checks: inputs.postPromotion, now: now)
        case .paused:
            let reason = "paused before the switch: \(spec.active) answers; resume to run the checks again or promote to switch"
            return BlueGreenDecision(progress: progress, command: nil, reason: reason)
        case .aborted:
            return BlueGreenDecision(progress: progress, command: nil, reason: "aborted: \(spec.active) answers; retry prepares \(spec.preview) again")
        case .completed:
            return BlueGreenDecision(progress: progress, command: nil, reason: "completed: \(spec.preview) answers")
        }
    }

    /// The version that answers requests without a preview header or a pinned version: the
    /// active one until the switch and after an abort or rollback, the preview once switched.
    public static func liveVersion(spec: BlueGreenSpec, state: ReleaseState) -> String {
        switch state.phase {
        case .progressing, .paused, .aborted: spec.active
        case .promoted, .completed: spec.preview
        }
    }

    /// ``liveVersion(spec:state:)`` as a split: the live version at 100, the other at 0.
    public static func routingWeights(spec: BlueGreenSpec, state: ReleaseState) -> [VersionWeight] {
        let live = liveVersion(spec: spec, state: state)
        return [spec.active, spec.preview].map { VersionWeight(version: $0, weight: $0 == live ? 100 : 0) }
    }

    private static func decidePreparation(spec: BlueGreenSpec, progress: BlueGreenProgress, inputs: BlueGreenInputs, now: Double) -> BlueGreenDecision {
        var next = progress
        if !spec.smoke.isEmpty && next.smokePassed == nil {
            switch inputs.smoke {
            case nil:
                return BlueGreenDecision(progress: next, command: nil, reason: "waiting for the smoke tests against \(spec.preview)")
            case .inconclusive(let why):
                // A preview that stays unreachable is treated like an inconclusive analysis:
                // after step_timeout it pauses for a human (or keeps trying, with inconclusive: wait).
                let since = next.inconclusiveSince ?? next.lastAnalysisAt ?? next.phaseStartedAt
                next.inconclusiveSince = since
                next.lastAnalysisAt = now
                let waited = now - since
                let timeout = spec.postPromotion.analysis.stepTimeout
                let base = "smoke tests could not run against \(spec.preview) for \(AnalysisVerdict.seconds(waited)) (step_timeout \(AnalysisVerdict.seconds(timeout))): \(why)"
                guard waited >= timeout, spec.postPromotion.analysis.inconclusive == .pause else {
                    return BlueGreenDecision(progress: next, command: nil, reason: base + "; trying again")
                }
                return BlueGreenDecision(progress: next, command: .pause, reason: base + "; paused for a human to resume, promote or abort")
            case .fail(let why):
                next.smokePassed = false
                next.lastAnalysisAt = now
                let reason = "smoke tests failed against \(spec.preview): \(why); not switching from \(spec.active)"
                return BlueGreenDecision(progress: next, command: .pause, reason: reason)
            case .pass:
                next.smokePassed = true
                next.inconclusiveSince = nil
                next.lastAnalysisAt = now
            }
        }
        if next.smokePassed == false {
            return BlueGreenDecision(progress: next, command: nil, reason: "smoke tests failed against \(spec.preview); not switching from \(spec.active)")
        }
        if let pre = spec.prePromotion, next.prePromotionPassed != true {
            if let held = decidePrePromotion(spec: spec, pre: pre, progress: &next, outcome: inputs.prePromotion, now: now) { return held }
        }
        let passed = [spec.smoke.isEmpty ? nil : "smoke tests", spec.prePromotion == nil ? nil : "pre-promotion analysis"].compactMap { $0 }
        let summary = passed.isEmpty ? "no smoke tests or pre-promotion analysis configured" : passed.joined(separator: " and ") + " passed"
        guard spec.autoPromote else {
            let reason = "\(summary); ready to switch to \(spec.preview), waiting for turnout promote (auto_promote: false)"
            return BlueGreenDecision(progress: next, command: nil, reason: reason)
        }
        return BlueGreenDecision(progress: next, command: .promoteFull, reason: "\(summary); switching all traffic from \(spec.active) to \(spec.preview)")
    }

    /// The pre-promotion gate: a decision that holds the release, or `nil` once it passed.
    private static func decidePrePromotion(
        spec: BlueGreenSpec, pre: BlueGreenSpec.PrePromotion, progress next: inout BlueGreenProgress, outcome: CheckOutcome?, now: Double
    ) -> BlueGreenDecision? {
        if next.prePromotionPassed == false {
            return BlueGreenDecision(progress: next, command: nil, reason: "pre-promotion analysis of \(spec.preview) failed; not switching")
        }
        let windowStart = next.lastAnalysisAt ?? next.phaseStartedAt
        switch outcome {
        case nil:
            let reason = "mirroring \(AnalysisVerdict.percent(pre.mirror)) of requests to \(spec.preview); waiting for the pre-promotion analysis"
            return BlueGreenDecision(progress: next, command: nil, reason: reason)
        case .fail(let why):
            next.prePromotionPassed = false
            next.lastAnalysisAt = now
            next.inconclusiveSince = nil
            let reason = "pre-promotion analysis of \(spec.preview) failed: \(why); not switching from \(spec.active)"
            return BlueGreenDecision(progress: next, command: .pause, reason: reason)
        case .inconclusive(let why):
            let since = next.inconclusiveSince ?? windowStart
            next.inconclusiveSince = since
            next.lastAnalysisAt = now
            let waited = now - since
            let timeout = spec.postPromotion.analysis.stepTimeout
            let base = "pre-promotion analysis of \(spec.preview) inconclusive for \(AnalysisVerdict.seconds(waited)) (step_timeout \(AnalysisVerdict.seconds(timeout))): \(why)"
            guard waited >= timeout else { return BlueGreenDecision(progress: next, command: nil, reason: base) }
            switch spec.postPromotion.analysis.inconclusive {
            case .pause:
                return BlueGreenDecision(progress: next, command: .pause, reason: base + "; paused for a human to resume, promote or abort")
            case .wait:
                return BlueGreenDecision(progress: next, command: nil, reason: base + "; still waiting (inconclusive: wait)")
            }
        case .pass:
            next.prePromotionPassed = true
            next.inconclusiveSince = nil
            next.lastAnalysisAt = now
            return nil
        }
    }

    private static func decideSwitched(spec: BlueGreenSpec, state: ReleaseState, progress: BlueGreenProgress, checks: [NamedCheck]?, now: Double) -> BlueGreenDecision {
        var next = progress
        let elapsed = now - progress.phaseStartedAt
        if let checks {
            next.lastAnalysisAt = now
            if case .fail(let summary) = AnalysisVerdict(checks) {
                next.failures += 1
                let limit = spec.postPromotion.analysis.failureLimit
                if next.failures > limit {
                    let failures = "\(next.failures) failure\(next.failures == 1 ? "" : "s") (failure_limit \(limit))"
                    let reason = "\(spec.preview) failed post-promotion analysis \(AnalysisVerdict.seconds(elapsed)) after the switch, \(failures): "
                        + "\(summary); switching back to \(spec.active)"
                    let command = ReleaseLifecycle.rollbackOrAbort(state: state, now: now, reason: reason)
                    return BlueGreenDecision(progress: next, command: command, reason: reason)
                }
                let reason = "\(spec.preview) failed post-promotion analysis (\(next.failures) of \(limit) tolerated failures): \(summary)"
                return BlueGreenDecision(progress: next, command: nil, reason: reason)
            }
        }
        let window = spec.postPromotion.window
        guard elapsed >= window else {
            let reason = "switched to \(spec.preview) \(AnalysisVerdict.seconds(elapsed)) ago; watching for another \(AnalysisVerdict.seconds(window - elapsed))"
            return BlueGreenDecision(progress: next, command: nil, reason: reason)
        }
        let reason = "\(spec.preview) answered for \(AnalysisVerdict.seconds(elapsed)) after the switch without failing checks; completed "
            + "(\(spec.active) stays ready until the rollback window closes)"
        return BlueGreenDecision(progress: next, command: .complete, reason: reason)
    }
}
