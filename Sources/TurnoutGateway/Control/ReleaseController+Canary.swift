import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// One tick of one canary: step its controller, run the comparison when it asks for it,
    /// step again with the checks, and carry out what it decided.
    fileprivate func driveCanary(_ model: String, spec: CanarySpec, state: ReleaseState) async {
        let now = self.now
        var step = CanaryController.step(spec: spec, state: state, progress: progress(of: model, as: CanaryProgress.self), checks: nil, now: now)
        var checks: [RolloutAnalysis.Check] = []
        if case .compareVersions(let since, let baselineBefore)? = step.actions.first {
            checks = await comparisonChecks(
                model, baseline: spec.stable, candidate: spec.canary, analysis: spec.analysis, since: since, baselineWindow: baselineBefore,
                step: state.step + 1
            )
            step = CanaryController.step(spec: spec, state: state, progress: step.progress, checks: checks.map(\.named), now: now)
        }
        keep(step.progress, of: model)
        await carryOut(step, model: model, revision: state.revision, label: "canary", checks: checks, now: now)
    }
}

/// A canary moves step by step by ``CanaryController``; its progress is stored.
extension CanarySpec: DrivenStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        await controller.driveCanary(model, spec: self, state: managed.state)
    }

    static func restoredProgress(from stored: Data) -> (any Sendable)? {
        try? JSONDecoder().decode(CanaryProgress.self, from: stored)
    }
}
