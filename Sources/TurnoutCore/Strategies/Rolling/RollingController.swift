/// The rolling update as a pure state machine: the release state, the controller's progress,
/// the instances the supervisor reports, the analysis (when asked for) and the time in; the
/// progress to keep and the actions to carry out.
///
/// ## Batches, as a Kubernetes Deployment makes them
/// `to` is scaled up so that the instances of both versions stay within the desired count N
/// (`to`'s `replicas`) plus the surge, and `from` is scaled down only so that the available
/// instances (ready for at least `min_ready`) stay at N minus the unavailable ones
/// (``RollingBudget``); the new and the old side are reconciled in this order on every step,
/// as the Deployment controller does. Each scale-up of `to` starts a batch. Counts are those
/// the controller asked for, or those the supervisor still runs when it lags behind.
///
/// ## Lifecycle
/// One lifecycle step: the batches live in the progress, so `turnout promote` finishes the
/// rollout at once (every `to` instance is started, `from` is drained as they become
/// available). When `to` has N available instances and `from` none, the controller promotes,
/// then completes on the next tick. A paused release holds its counts.
///
/// ## Rolling back on its own
/// A batch whose new instances are not all available within `progress_deadline`, a `to` that
/// is crash-looping, or (with `analysis`) a batch failing its analysis more than
/// `failure_limit` times aborts the release. An aborted release is a rolling update in
/// reverse: `from` goes back to its original count at once, `to` is scaled down as `from`
/// becomes available again. Kubernetes only reports a missed deadline; this rolls back.
///
/// ## Analysis
/// With `analysis`, a batch lets the next one start (and the last lets the release complete)
/// only after an analysis of `to` against `from` on the traffic since the batch began passes;
/// an inconclusive analysis follows `inconclusive` after `step_timeout`, as a canary's does.
///
/// On every step that manages instances the controller sends ``ControllerAction/scale(version:replicas:)``
/// for both versions (the supervisor treats it as idempotent) and ``ControllerAction/route(_:)``
/// with the ready instances' counts as weights.
public enum RollingController {
    /// The progress that belongs to `state`: `stored` brought up to the state's revision (the
    /// batch's clock and analysis restart; the counts stay), or, without one, a progress that
    /// starts from the instances the supervisor runs (`from`'s configured replicas when none runs).
    package static func progress(
        _ stored: RollingProgress?, for state: ReleaseState, spec: RollingSpec, replicas: RolloutReplicas, instances: [String: InstanceCounts]
    ) -> RollingProgress {
        guard var progress = stored else {
            let from = instances.of(spec.from).running
            let to = instances.of(spec.to).running
            return RollingProgress(
                revision: state.revision, originalFrom: replicas.from, fromReplicas: from + to > 0 ? from : replicas.from, toReplicas: to,
                batch: to > 0 ? 1 : 0, batchStartedAt: state.updatedAt, batchPassed: spec.analysis == nil
            )
        }
        guard progress.revision != state.revision else { return progress }
        progress.revision = state.revision
        progress.batchStartedAt = state.updatedAt
        progress.failures = 0
        progress.inconclusiveSince = nil
        progress.lastAnalysisAt = nil
        return progress
    }

    /// Whether the gateway should compare `to` with `from` now: the batch has not passed yet,
    /// `to` has ready instances, and an ``CanaryAnalysisSpec/interval`` has gone by since the
    /// last analysis (or since the batch began).
    package static func isAnalysisDue(spec: RollingSpec, state: ReleaseState, progress: RollingProgress, instances: [String: InstanceCounts], now: Double) -> Bool {
        guard let analysis = spec.analysis, state.phase == .progressing, !progress.batchPassed, instances.of(spec.to).ready > 0 else { return false }
        return now - (progress.lastAnalysisAt ?? progress.batchStartedAt) >= analysis.interval
    }

    /// One tick of the rolling update, in the shape every controller has (``ControllerStep``).
    ///
    /// Stepped without checks while ``isAnalysisDue(spec:state:progress:instances:now:)``, it
    /// asks for them (``ControllerAction/compareVersions(since:baselineBefore:)`` since the batch
    /// began); else, and when stepped again with them, it decides. Its actions, in order: save
    /// the progress when it changed, record the analysis when checks ran, scale both versions,
    /// route by the ready instances, apply the decided command.
    ///
    /// - Parameters:
    ///   - progress: the previous step's progress; `nil` (after a restart) starts from the instances.
    ///   - replicas: the configured replicas of `from` and `to`.
    ///   - instances: the supervisor's counts by version; a missing version has none.
    ///   - checks: the outcomes of the comparison the previous step at this `now` asked for.
    package static func step(
        spec: RollingSpec, state: ReleaseState, progress stored: RollingProgress?, replicas: RolloutReplicas,
        instances: [String: InstanceCounts], checks: [NamedCheck]?, now: Double
    ) -> ControllerStep<RollingProgress> {
        let progress = Self.progress(stored, for: state, spec: spec, replicas: replicas, instances: instances)
        if checks == nil, isAnalysisDue(spec: spec, state: state, progress: progress, instances: instances, now: now) {
            return ControllerStep(progress: progress, actions: [.compareVersions(since: progress.batchStartedAt, baselineBefore: nil)])
        }
        let decision = decide(spec: spec, state: state, progress: progress, replicas: replicas, instances: instances, checks: checks, now: now)
        var actions: [ControllerAction] = []
        if decision.progress != stored { actions.append(.saveProgress) }
        if checks != nil { actions.append(.recordAnalysis(decision: decision.reason)) }
        if decision.scales {
            actions.append(.scale(version: spec.from, replicas: decision.progress.fromReplicas))
            actions.append(.scale(version: spec.to, replicas: decision.progress.toReplicas))
        }
        if let route = decision.route { actions.append(.route(route)) }
        if let command = decision.command { actions.append(.apply(command, reason: decision.reason)) }
        return ControllerStep(progress: decision.progress, actions: actions)
    }

    /// Decides the counts to ask for, the routing and the transition, if any.
    package static func decide(
        spec: RollingSpec, state: ReleaseState, progress stored: RollingProgress?, replicas: RolloutReplicas,
        instances: [String: InstanceCounts], checks: [NamedCheck]?, now: Double
    ) -> RollingDecision {
        let progress = Self.progress(stored, for: state, spec: spec, replicas: replicas, instances: instances)
        let route = routingWeights(spec: spec, instances: instances, fallback: state.phase == .promoted ? spec.to : spec.from)
        switch state.phase {
        case .progressing:
            return decideProgressing(spec: spec, progress: progress, desired: replicas.to, instances: instances, checks: checks, route: route, now: now)
        case .paused:
            let reason = "paused with \(spec.from) at \(progress.fromReplicas) and \(spec.to) at \(progress.toReplicas) instances; resume, promote or abort"
            return RollingDecision(progress: progress, scales: false, route: route, command: nil, reason: reason)
        case .promoted:
            return decidePromoted(spec: spec, progress: progress, desired: replicas.to, instances: instances, route: route, now: now)
        case .aborted:
            return decideRollback(spec: spec, progress: progress, instances: instances, route: route, now: now)
        case .completed:
            return RollingDecision(progress: progress, scales: false, route: nil, command: nil, reason: "completed: \(spec.to) replaced \(spec.from)")
        }
    }

    /// Weights in proportion to the ready instances of `from` and `to` (`from` first, so units
    /// move to `to` as its share grows); all on `fallback` while neither has a ready instance.
    package static func routingWeights(spec: RollingSpec, instances: [String: InstanceCounts], fallback: String) -> [VersionWeight] {
        let from = instances.of(spec.from).ready
        let to = instances.of(spec.to).ready
        guard from + to > 0 else {
            return [VersionWeight(version: spec.from, weight: fallback == spec.from ? 100 : 0), VersionWeight(version: spec.to, weight: fallback == spec.to ? 100 : 0)]
        }
        return [VersionWeight(version: spec.from, weight: Double(from)), VersionWeight(version: spec.to, weight: Double(to))]
    }

    private static func decideProgressing(
        spec: RollingSpec, progress: RollingProgress, desired: Int, instances: [String: InstanceCounts], checks: [NamedCheck]?,
        route: [VersionWeight], now: Double
    ) -> RollingDecision {
        var next = progress
        let to = instances.of(spec.to)
        let batch = "batch \(max(1, progress.batch))"
        if to.crashLooping {
            return aborting(next, route: route, "\(spec.to) is crash-looping at \(batch); rolling back to \(spec.from)")
        }
        var waiting: String?
        if let checks, let analysis = spec.analysis {
            switch judge(checks, analysis: analysis, into: &next, batch: batch, spec: spec, now: now) {
            case .abort(let reason): return aborting(next, route: route, reason)
            case .pause(let reason): return RollingDecision(progress: next, scales: false, route: route, command: .pause, reason: reason)
            case .wait(let reason): waiting = reason
            case .passed: break
            }
        }
        let toAvailable = min(to.available(minReady: spec.minReady, now: now), next.toReplicas)
        if next.toReplicas > toAvailable, now - next.batchStartedAt >= spec.progressDeadline {
            let missing = next.toReplicas - toAvailable
            let reason = "\(missing) of \(next.toReplicas) new instances of \(spec.to) not available after \(AnalysisVerdict.seconds(now - next.batchStartedAt)) (progress_deadline \(AnalysisVerdict.seconds(spec.progressDeadline))) at \(batch); rolling back to \(spec.from)"
            return aborting(next, route: route, reason)
        }
        reconcile(&next, spec: spec, desired: desired, instances: instances, now: now)
        let from = instances.of(spec.from)
        let newAvailable = min(to.available(minReady: spec.minReady, now: now), next.toReplicas)
        if next.toReplicas >= desired, newAvailable >= desired, next.fromReplicas == 0, from.alive == 0, next.batchPassed {
            let reason = "\(spec.to) has \(desired) available instance\(desired == 1 ? "" : "s") and \(spec.from) none after \(next.batch) batch\(next.batch == 1 ? "" : "es"); promoting"
            return RollingDecision(progress: next, scales: true, route: route, command: .promote, reason: reason)
        }
        let counts = "\(spec.from) at \(next.fromReplicas), \(spec.to) at \(next.toReplicas) of \(desired) (\(newAvailable) available)"
        return RollingDecision(progress: next, scales: true, route: route, command: nil, reason: waiting.map { "\(counts); \($0)" } ?? "\(batch): \(counts)")
    }

    /// Kubernetes' `reconcileNewReplicaSet` then `reconcileOldReplicaSets`: scale `to` up within
    /// the surge (only once the current batch passed its analysis), then `from` down within the
    /// unavailability, its instances that are not available first.
    private static func reconcile(_ progress: inout RollingProgress, spec: RollingSpec, desired: Int, instances: [String: InstanceCounts], now: Double) {
        let budget = spec.budget(desired: desired)
        let from = instances.of(spec.from)
        let to = instances.of(spec.to)
        func total() -> Int { max(progress.fromReplicas, from.running) + max(progress.toReplicas, to.running) }
        if progress.toReplicas < desired, progress.toReplicas == 0 || progress.batchPassed {
            let up = min(desired - progress.toReplicas, budget.maxTotal - total())
            if up > 0 { startBatch(&progress, adding: up, analysed: spec.analysis != nil, now: now) }
        }
        let toAvailable = min(to.available(minReady: spec.minReady, now: now), progress.toReplicas)
        let maxScaledDown = total() - budget.minAvailable - (progress.toReplicas - toAvailable)
        guard maxScaledDown > 0, progress.fromReplicas > 0 else { return }
        let fromAvailable = min(from.available(minReady: spec.minReady, now: now), progress.fromReplicas)
        let unhealthy = min(progress.fromReplicas - fromAvailable, maxScaledDown)
        progress.fromReplicas -= unhealthy
        let spare = fromAvailable + toAvailable - budget.minAvailable
        if spare > 0 { progress.fromReplicas -= min(progress.fromReplicas, spare) }
    }

    private static func startBatch(_ progress: inout RollingProgress, adding count: Int, analysed: Bool, now: Double) {
        progress.toReplicas += count
        progress.batch += 1
        progress.batchStartedAt = now
        progress.batchPassed = !analysed
        progress.failures = 0
        progress.inconclusiveSince = nil
        progress.lastAnalysisAt = nil
    }

    private enum Judgement {
        case passed
        case wait(String)
        case pause(String)
        case abort(String)
    }

    /// The batch's analysis, as a canary step's: failures beyond `failure_limit` abort, an
    /// inconclusive analysis for `step_timeout` pauses (or waits), a pass lets the next batch start.
    private static func judge(
        _ checks: [NamedCheck], analysis: CanaryAnalysisSpec, into next: inout RollingProgress, batch: String, spec: RollingSpec, now: Double
    ) -> Judgement {
        let previous = next
        next.lastAnalysisAt = now
        switch AnalysisVerdict(checks) {
        case .fail(let summary):
            next.failures += 1
            next.inconclusiveSince = nil
            guard next.failures > analysis.failureLimit else {
                return .wait("analysis failed (\(next.failures) of \(analysis.failureLimit) tolerated failures): \(summary)")
            }
            return .abort("\(spec.to) failed analysis at \(batch) \(next.failures == 1 ? "once" : "\(next.failures) times"), more than failure_limit \(analysis.failureLimit): \(summary); rolling back to \(spec.from)")
        case .inconclusive(let summary):
            let since = previous.inconclusiveSince ?? previous.lastAnalysisAt ?? previous.batchStartedAt
            next.inconclusiveSince = since
            let waited = now - since
            let timeout = "step_timeout \(AnalysisVerdict.seconds(analysis.stepTimeout))"
            guard waited >= analysis.stepTimeout else {
                return .wait("analysis inconclusive for \(AnalysisVerdict.seconds(waited)) (\(timeout)): \(summary)")
            }
            let base = "\(batch): analysis inconclusive for \(AnalysisVerdict.seconds(waited)), reaching \(timeout): \(summary)"
            switch analysis.inconclusive {
            case .pause: return .pause(base + "; paused for a human to resume, promote or abort")
            case .wait: return .wait(base + "; still waiting (inconclusive: wait)")
            }
        case .pass:
            next.inconclusiveSince = nil
            next.batchPassed = true
            return .passed
        }
    }

    /// Promoted (by the controller, or by `turnout promote` before the batches were done):
    /// every `to` instance at once, `from` drained as they become available, then complete.
    private static func decidePromoted(
        spec: RollingSpec, progress: RollingProgress, desired: Int, instances: [String: InstanceCounts], route: [VersionWeight], now: Double
    ) -> RollingDecision {
        var next = progress
        next.toReplicas = desired
        let toAvailable = min(instances.of(spec.to).available(minReady: spec.minReady, now: now), desired)
        next.fromReplicas = min(next.fromReplicas, desired - toAvailable)
        guard toAvailable >= desired, instances.of(spec.from).alive == 0, next.fromReplicas == 0 else {
            let reason = "promoted: \(spec.to) at \(desired) (\(toAvailable) available), \(spec.from) at \(next.fromReplicas); completing once \(spec.from) has no instance left"
            return RollingDecision(progress: next, scales: true, route: route, command: nil, reason: reason)
        }
        let reason = "\(spec.to) runs \(desired) available instance\(desired == 1 ? "" : "s") and \(spec.from) none; completed"
        return RollingDecision(progress: next, scales: true, route: route, command: .complete, reason: reason)
    }

    /// Aborted: a rolling update in reverse. `from` goes back to its original count at once;
    /// `to` keeps only the available instances `from` still needs to stay within its own
    /// unavailability, and nothing more happens once `to` has no instance left.
    private static func decideRollback(
        spec: RollingSpec, progress: RollingProgress, instances: [String: InstanceCounts], route: [VersionWeight], now: Double
    ) -> RollingDecision {
        var next = progress
        let from = instances.of(spec.from)
        let to = instances.of(spec.to)
        next.fromReplicas = progress.originalFrom
        let budget = spec.budget(desired: progress.originalFrom)
        let fromAvailable = min(from.available(minReady: spec.minReady, now: now), next.fromReplicas)
        let needed = max(0, budget.minAvailable - fromAvailable)
        next.toReplicas = min(next.toReplicas, needed, to.available(minReady: spec.minReady, now: now))
        if progress.fromReplicas == next.fromReplicas, next.toReplicas == 0, to.alive == 0 {
            return RollingDecision(progress: next, scales: false, route: nil, command: nil, reason: "aborted: rolled back to \(progress.originalFrom) instances of \(spec.from); retry starts again")
        }
        let reason = "rolling back: \(spec.from) at \(next.fromReplicas) (\(fromAvailable) available), \(spec.to) at \(next.toReplicas)"
        return RollingDecision(progress: next, scales: true, route: route, command: nil, reason: reason)
    }

    private static func aborting(_ progress: RollingProgress, route: [VersionWeight], _ reason: String) -> RollingDecision {
        RollingDecision(progress: progress, scales: false, route: route, command: .abort(reason: reason), reason: reason)
    }
}
