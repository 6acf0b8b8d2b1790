/// The recreate release as a pure state machine: the release state, the controller's progress,
/// the instances the supervisor reports, the held requests and the time in; the progress to
/// keep and the actions to carry out.
///
/// ## Rules
/// - Progressing: the first step stops every `from` instance and routes everything to `to`,
///   whose requests the data plane holds up to `hold`; once `from` has no instance left (none
///   starting, ready or draining) `to` is started with its `replicas`. When all of them are
///   ready the release is promoted, with the measured gap in the reason, and completes on the
///   next tick.
/// - The gap runs from the step that stopped `from` to the first step that sees a ready `to`
///   instance; it is as precise as the ticks.
/// - `to` crash-looping, or not all ready within `progress_deadline` of the start, aborts: `to`
///   is stopped and `from` started again with its original count, routed to `from`.
/// - One lifecycle step; `turnout promote` changes nothing in the sequence (it is already all
///   at once), and the promoted release completes once `to` is ready.
/// - Paused: no instance is started or stopped; a pause during the gap leaves the model without
///   ready instances until it is resumed or aborted.
public enum RecreateController {
    /// The progress that belongs to `state`: `stored`, unless the release was retried after an
    /// abort (or there is none), in which case a fresh one from the state's last change.
    package static func progress(_ stored: RecreateProgress?, for state: ReleaseState, replicas: RolloutReplicas) -> RecreateProgress {
        if let stored, !(state.phase == .progressing && stored.abortedAt != nil) { return stored }
        return RecreateProgress(startedAt: state.updatedAt, originalFrom: replicas.from)
    }

    /// How traffic is divided: `from` until the controller stopped it, `to` from then on and
    /// once promoted, `from` again once aborted.
    public static func routingWeights(spec: RecreateSpec, state: ReleaseState, progress: RecreateProgress?) -> [VersionWeight] {
        let onTo: Bool = switch state.phase {
        case .progressing, .paused: progress?.fromStoppedAt != nil && progress?.abortedAt == nil
        case .promoted, .completed: true
        case .aborted: false
        }
        return [VersionWeight(version: spec.from, weight: onTo ? 0 : 100), VersionWeight(version: spec.to, weight: onTo ? 100 : 0)]
    }

    /// One tick of the recreate release, in the shape every controller has (``ControllerStep``);
    /// it never asks for observations. Its actions, in order: save the progress when it changed,
    /// scale, route, apply the decided command.
    ///
    /// - Parameters:
    ///   - replicas: the configured replicas of `from` and `to`.
    ///   - instances: the supervisor's counts by version; a missing version has none.
    ///   - traffic: the requests the data plane held and refused so far, if it counts them.
    package static func step(
        spec: RecreateSpec, state: ReleaseState, progress stored: RecreateProgress?, replicas: RolloutReplicas,
        instances: [String: InstanceCounts], traffic: RecreateTraffic?, now: Double
    ) -> ControllerStep<RecreateProgress> {
        let decision = decide(spec: spec, state: state, progress: stored, replicas: replicas, instances: instances, traffic: traffic, now: now)
        var actions: [ControllerAction] = []
        if decision.progress != stored { actions.append(.saveProgress) }
        if let from = decision.fromReplicas { actions.append(.scale(version: spec.from, replicas: from)) }
        if let to = decision.toReplicas { actions.append(.scale(version: spec.to, replicas: to)) }
        if let route = decision.route { actions.append(.route(route)) }
        if let command = decision.command { actions.append(.apply(command, reason: decision.reason)) }
        return ControllerStep(progress: decision.progress, actions: actions)
    }

    /// Decides the instances to ask for, the routing and the transition, if any.
    package static func decide(
        spec: RecreateSpec, state: ReleaseState, progress stored: RecreateProgress?, replicas: RolloutReplicas,
        instances: [String: InstanceCounts], traffic: RecreateTraffic?, now: Double
    ) -> RecreateDecision {
        var progress = Self.progress(stored, for: state, replicas: replicas)
        if let traffic, state.phase == .progressing || state.phase == .promoted {
            progress.held = traffic.held
            progress.refused = traffic.refused
        }
        let to = instances.of(spec.to)
        switch state.phase {
        case .progressing:
            if to.crashLooping {
                return aborting(progress, spec: spec, "\(spec.to) is crash-looping; starting \(spec.from) again")
            }
            let elapsed = now - progress.startedAt
            if to.ready < replicas.to, elapsed >= spec.progressDeadline {
                let missing = replicas.to - to.ready
                return aborting(
                    progress, spec: spec,
                    "\(missing) of \(replicas.to) instances of \(spec.to) not ready after \(AnalysisVerdict.seconds(elapsed)) (progress_deadline \(AnalysisVerdict.seconds(spec.progressDeadline))); starting \(spec.from) again"
                )
            }
            return replace(progress, spec: spec, state: state, desired: replicas.to, instances: instances, finish: .promote, now: now)
        case .promoted:
            return replace(progress, spec: spec, state: state, desired: replicas.to, instances: instances, finish: .complete, now: now)
        case .paused:
            let reason = "paused \(progress.fromStoppedAt == nil ? "before stopping \(spec.from)" : "with \(to.ready) of \(replicas.to) instances of \(spec.to) ready"); resume, promote or abort"
            return RecreateDecision(progress: progress, route: routingWeights(spec: spec, state: state, progress: progress), reason: reason)
        case .aborted:
            return rollBack(progress, spec: spec, state: state, instances: instances, now: now)
        case .completed:
            return RecreateDecision(progress: progress, reason: "completed: \(spec.to) replaced \(spec.from)")
        }
    }

    /// Stop `from`, then start `to` once nothing of `from` is left; `finish` once `to` is all ready.
    private static func replace(
        _ progress: RecreateProgress, spec: RecreateSpec, state: ReleaseState, desired: Int, instances: [String: InstanceCounts],
        finish: LifecycleCommand, now: Double
    ) -> RecreateDecision {
        var next = progress
        if next.fromStoppedAt == nil { next.fromStoppedAt = now }
        let route = routingWeights(spec: spec, state: state, progress: next)
        let fromLeft = instances.of(spec.from).alive
        guard fromLeft == 0 else {
            let reason = "stopping \(spec.from): \(fromLeft) instance\(fromLeft == 1 ? "" : "s") left; requests wait up to \(AnalysisVerdict.seconds(spec.hold)) for \(spec.to)"
            return RecreateDecision(progress: next, fromReplicas: 0, route: route, reason: reason)
        }
        if next.toStartedAt == nil { next.toStartedAt = now }
        let ready = instances.of(spec.to).ready
        if ready > 0, next.gapEndedAt == nil { next.gapEndedAt = now }
        guard ready >= desired else {
            let reason = "\(spec.from) stopped; \(ready) of \(desired) instances of \(spec.to) ready"
            return RecreateDecision(progress: next, fromReplicas: 0, toReplicas: desired, route: route, reason: reason)
        }
        return RecreateDecision(progress: next, fromReplicas: 0, toReplicas: desired, route: route, command: finish, reason: summary(next, spec: spec))
    }

    /// Aborted: stop `to` and start `from` again with its original count, routed to `from`;
    /// nothing more once `to` has no instance left and `from` is all ready.
    private static func rollBack(_ progress: RecreateProgress, spec: RecreateSpec, state: ReleaseState, instances: [String: InstanceCounts], now: Double) -> RecreateDecision {
        var next = progress
        if next.abortedAt == nil { next.abortedAt = now }
        let from = instances.of(spec.from)
        guard instances.of(spec.to).alive > 0 || from.ready < next.originalFrom else {
            return RecreateDecision(progress: next, reason: "aborted: \(spec.from) runs its \(next.originalFrom) instances again; retry starts again")
        }
        let reason = "aborted: starting \(spec.from) again (\(from.ready) of \(next.originalFrom) ready), stopping \(spec.to)"
        return RecreateDecision(
            progress: next, fromReplicas: next.originalFrom, toReplicas: 0, route: routingWeights(spec: spec, state: state, progress: next), reason: reason
        )
    }

    private static func aborting(_ progress: RecreateProgress, spec: RecreateSpec, _ reason: String) -> RecreateDecision {
        RecreateDecision(progress: progress, command: .abort(reason: reason), reason: reason)
    }

    /// `recreate: v1 stopped, v2 ready after a gap of 2.4 s; 12 requests held, 0 refused`.
    static func summary(_ progress: RecreateProgress, spec: RecreateSpec) -> String {
        var text = "recreate: \(spec.from) stopped, \(spec.to) ready"
        if let gap = progress.gap { text += " after a gap of \(tenths(gap)) s" }
        if let held = progress.held, let refused = progress.refused {
            text += "; \(held) request\(held == 1 ? "" : "s") held, \(refused) refused"
        }
        return text
    }

    /// Seconds to one decimal: `2.4`, `0.0`.
    private static func tenths(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
