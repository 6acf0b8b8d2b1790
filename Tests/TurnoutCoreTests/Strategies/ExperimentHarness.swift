import Testing
import TurnoutCore

/// An A/B test or a bandit driven tick by tick as the gateway drives it, on a fake clock: step
/// without evidence, step again with the evidence when the controller asks for it, then carry
/// the actions out through the real ``ReleaseLifecycle``.
struct ExperimentHarness {
    var state: ReleaseState
    var progress = ExperimentProgress()
    var conclusion: ExperimentConclusion?
    var events: [AuditEvent]
    /// The shares of the newest ``ControllerAction/route(_:)``.
    var shares: [VersionWeight]?
    /// When the controller asked for the evidence.
    var looks: [Double] = []
    var warnings: [String] = []

    init(_ spec: ReleaseSpec, startedAt: Double) {
        let start = ReleaseLifecycle.start(model: "m", spec: spec, previousStable: nil, actor: "test", now: startedAt)
        state = start.state
        events = [start.event]
    }

    /// One tick at `now`. `step` is the controller's step on the state, progress and conclusion
    /// given, with the evidence when its last argument is true; returns the actions carried out.
    @discardableResult
    mutating func tick(
        at now: Double, sourceLocation: SourceLocation = #_sourceLocation,
        _ step: (ReleaseState, ExperimentProgress, ExperimentConclusion?, _ withEvidence: Bool) throws -> ControllerStep<ExperimentProgress>
    ) rethrows -> [ControllerAction] {
        var decided = try step(state, progress, conclusion, false)
        progress = decided.progress
        if decided.actions.contains(.readEvidence) {
            looks.append(now)
            decided = try step(state, progress, conclusion, true)
            progress = decided.progress
        }
        for action in decided.actions { carryOut(action, now: now, sourceLocation: sourceLocation) }
        return decided.actions
    }

    private mutating func carryOut(_ action: ControllerAction, now: Double, sourceLocation: SourceLocation) {
        switch action {
        case .readEvidence, .compareVersions, .runSmoke, .judgeMirroredTraffic, .apply, .saveProgress, .recordAnalysis, .scale:
            Issue.record("an experiment controller asked for \(action)", sourceLocation: sourceLocation)
        case .warn(let message):
            warnings.append(message)
        case .route(let shares):
            self.shares = shares
        case .conclude(let concluded):
            guard let transition = ReleaseLifecycle.conclude(state, actor: "controller", now: now, reason: concluded.summary) else {
                Issue.record("the lifecycle refused the conclusion", sourceLocation: sourceLocation)
                return
            }
            state = transition.state
            events.append(transition.event)
            conclusion = concluded
            promote(now: now, sourceLocation: sourceLocation)
        case .promote:
            promote(now: now, sourceLocation: sourceLocation)
        }
    }

    private mutating func promote(now: Double, sourceLocation: SourceLocation) {
        switch ReleaseLifecycle.promotion(owedBy: conclusion, to: state, actor: "controller", now: now) {
        case nil:
            return
        case .failure(let error):
            Issue.record("the lifecycle refused the promotion: \(error)", sourceLocation: sourceLocation)
        case .success(let promotion):
            state = promotion.state
            events.append(promotion.event)
        }
    }
}
