import Foundation
import TurnoutCore

extension ReleaseController {
    /// One tick of one rolling update: step its controller with the supervisor's instances, run
    /// the batch's analysis when it asks for it, step again with the checks, carry out the step.
    fileprivate func driveRolling(_ model: String, spec: RollingSpec, state: ReleaseState) async {
        guard let instances, let config = modelConfig(model), let replicas = RolloutReplicas(from: spec.from, to: spec.to, in: config) else { return }
        let now = self.now
        let counts = await instances.counts(of: config)
        let stored = progress(of: model, as: RollingProgress.self)
        var step = RollingController.step(spec: spec, state: state, progress: stored, replicas: replicas, instances: counts, checks: nil, now: now)
        var checks: [RolloutAnalysis.Check] = []
        if case .compareVersions(let since, _)? = step.actions.first, let analysis = spec.analysis {
            checks = await comparisonChecks(
                model, baseline: spec.from, candidate: spec.to, analysis: analysis, since: since, baselineWindow: nil, step: state.step + 1
            )
            step = RollingController.step(spec: spec, state: state, progress: step.progress, replicas: replicas, instances: counts, checks: checks.map(\.named), now: now)
        }
        keep(step.progress, of: model)
        await carryOut(step, model: model, revision: state.revision, label: "rolling update", checks: checks, now: now)
    }
}

/// A rolling update replaces instances batch by batch by ``RollingController``; its progress is stored.
extension RollingSpec: InstanceScalingStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        await controller.driveRolling(model, spec: self, state: managed.state)
    }

    static func restoredProgress(from stored: Data) -> (any Sendable)? {
        try? JSONDecoder().decode(RollingProgress.self, from: stored)
    }
}
