import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// One tick of one blue-green release: step its controller, gather what it asks for (smoke
    /// tests, the mirrored traffic's verdict, the post-promotion comparison), step again with
    /// the outcomes, and carry out what it decided.
    fileprivate func driveBlueGreen(_ model: String, spec: BlueGreenSpec, state: ReleaseState) async {
        // A preview the gateway starts itself is tested and switched to only once it answers.
        if state.phase == .progressing, await isStarting(spec.preview, of: model) { return }
        let now = self.now
        var step = BlueGreenController.step(spec: spec, state: state, progress: progress(of: model, as: BlueGreenProgress.self), inputs: nil, now: now)
        var checks: [RolloutAnalysis.Check] = []
        if step.needsObservations {
            var inputs = BlueGreenInputs()
            for action in step.actions {
                switch action {
                case .runSmoke:
                    guard let outcome = smokeOutcome(model, spec: spec, revision: state.revision) else { continue }
                    inputs.smoke = outcome
                    checks.append(RolloutAnalysis.Check(name: NamedCheck.smoke, outcome: outcome))
                case .judgeMirroredTraffic:
                    guard let pre = spec.prePromotion else { continue }
                    let mirrored = prePromotionOutcome(model, spec: spec, pre: pre)
                    var judged = [RolloutAnalysis.Check(name: NamedCheck.prePromotion, outcome: mirrored)]
                    inputs.prePromotion = mirrored
                    if !pre.checks.isEmpty {
                        // The preview is the version under test, the active version the one compared with.
                        let context = MetricCheckContext(
                            model: model, stable: spec.active, canary: spec.preview, step: state.step + 1, windowStart: state.updatedAt, windowEnd: now
                        )
                        judged += await metricChecks.run(pre.checks, context: context)
                        inputs.prePromotion = CheckOutcome(combining: judged.map(\.named))
                    }
                    checks += judged
                case .compareVersions(let since, let baselineBefore):
                    let post = await comparisonChecks(
                        model, baseline: spec.active, candidate: spec.preview, analysis: spec.postPromotion.analysis, since: since, baselineWindow: baselineBefore,
                        step: state.step + 1
                    )
                    inputs.postPromotion = post.map(\.named)
                    checks += post
                default:
                    continue
                }
            }
            step = BlueGreenController.step(spec: spec, state: state, progress: step.progress, inputs: inputs, now: now)
        }
        keep(step.progress, of: model)
        await carryOut(step, model: model, revision: state.revision, label: "blue-green release", checks: checks, now: now)
    }

    /// The outcome of the smoke run started for this revision, once it is over; starts one when
    /// none is running, so the ticker never waits on the preview.
    private func smokeOutcome(_ model: String, spec: BlueGreenSpec, revision: Int) -> CheckOutcome? {
        if let done = smokeOutcomes[model], done.revision == revision {
            smokeOutcomes[model] = nil
            return done.outcome
        }
        guard smokeRuns[model] != revision, let smokeRunner else { return nil }
        smokeRuns[model] = revision
        Task {
            let outcome = await smokeRunner.run(spec.smoke, model: model, version: spec.preview)
            self.smokeFinished(model, revision: revision, outcome: outcome)
        }
        return nil
    }

    private func smokeFinished(_ model: String, revision: Int, outcome: CheckOutcome) {
        // A run for an older revision (the release moved on meanwhile) neither clears the
        // marker of the current run nor counts.
        guard smokeRuns[model] == revision else { return }
        smokeRuns[model] = nil
        smokeOutcomes[model] = (revision, outcome)
    }

    /// The preview judged on the production requests mirrored to it, by the shadow comparison.
    private func prePromotionOutcome(_ model: String, spec: BlueGreenSpec, pre: BlueGreenSpec.PrePromotion) -> CheckOutcome {
        let summary = (shadowLedger?.comparison(model: model, primary: spec.active, shadow: spec.preview) ?? ShadowComparison()).summary()
        guard summary.pairs >= pre.minPairs else {
            return .inconclusive(reason: "\(summary.pairs) mirrored pairs, fewer than min_pairs \(pre.minPairs)")
        }
        let thresholds = ShadowThresholds(minPairs: pre.minPairs, maxLatencyP99Ratio: pre.maxLatencyP99Ratio, maxErrorRate: pre.maxErrorRate)
        let verdict = summary.verdict(thresholds)
        return verdict.ready ? .pass : .fail(reason: verdict.reasons.joined(separator: "; "))
    }
}

/// A blue-green release is smoke-tested, judged and switched by ``BlueGreenController``; its
/// progress is stored.
extension BlueGreenSpec: DrivenStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        await controller.driveBlueGreen(model, spec: self, state: managed.state)
    }

    static func restoredProgress(from stored: Data) -> (any Sendable)? {
        try? JSONDecoder().decode(BlueGreenProgress.self, from: stored)
    }
}
