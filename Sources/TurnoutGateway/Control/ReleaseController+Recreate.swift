import Foundation
import TurnoutCore

extension ReleaseController {
    /// One tick of one recreate release: step its controller with the supervisor's instances and
    /// the requests held since the release started, carry out the step.
    fileprivate func driveRecreate(_ model: String, spec: RecreateSpec, state: ReleaseState, startedAt: Double) async {
        guard let instances, let config = modelConfig(model), let replicas = RolloutReplicas(from: spec.from, to: spec.to, in: config) else { return }
        let now = self.now
        let counts = await instances.counts(of: config)
        let step = RecreateController.step(
            spec: spec, state: state, progress: progress(of: model, as: RecreateProgress.self), replicas: replicas, instances: counts,
            traffic: heldSinceStart(of: model, startedAt: startedAt, totals: instances.holdTotals(model: model)), now: now
        )
        keep(step.progress, of: model)
        await carryOut(step, model: model, revision: state.revision, label: "recreate", now: now)
    }

    /// The requests of `model` held and refused since its release started: the data plane counts
    /// from the gateway's start, so the counts at the release's first tick are taken off.
    private func heldSinceStart(of model: String, startedAt: Double, totals: HoldTotals) -> RecreateTraffic {
        if holdBaselines[model]?.startedAt != startedAt { holdBaselines[model] = (startedAt, totals) }
        let base = holdBaselines[model]?.totals ?? totals
        return RecreateTraffic(held: totals.held - base.held, refused: totals.refused - base.refused)
    }
}

/// A recreate release stops the old instances, then starts the new ones, by ``RecreateController``;
/// its progress (with the measured gap) is stored.
extension RecreateSpec: InstanceScalingStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        await controller.driveRecreate(model, spec: self, state: managed.state, startedAt: managed.evidenceStart)
    }

    static func restoredProgress(from stored: Data) -> (any Sendable)? {
        try? JSONDecoder().decode(RecreateProgress.self, from: stored)
    }
}
