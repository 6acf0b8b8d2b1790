import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// A bandit as it stands: each arm's evidence, the shares in force and the probability of
    /// being best.
    struct BanditLook: Sendable {
        let spec: BanditSpec
        let managed: ManagedRelease
        /// Per arm, in the spec's order.
        let pulls: [Int64]
        let rewards: [BanditArmStatistics]
        let shares: [Double]
        let probabilityBest: [Double]
        /// What the evidence concludes, if the rule is met.
        let conclusion: ExperimentConclusion?
    }

    /// Reads a bandit's evidence from the store, after giving decisions whose wait is over their
    /// default reward, and works out its next shares; for the admin API, which shows them
    /// without routing by them.
    func look(atBandit model: String) async throws(ExperimentError) -> BanditLook {
        guard let managed = releases[model] else { throw .unknownModel(model) }
        guard let spec = managed.state.spec.as(BanditSpec.self) else {
            throw .notAnExperiment(model: model, strategy: managed.state.spec.strategyName)
        }
        let totals = try await banditEvidence(model, spec: spec, managed: managed)
        let rewards = Self.armRewards(spec, totals: totals)
        do {
            let evaluation = try BanditController.evaluate(spec: spec, rewards: rewards, now: now, random: &random)
            return BanditLook(
                spec: spec, managed: managed, pulls: spec.arms.map { totals[$0]?.count ?? 0 }, rewards: rewards, shares: evaluation.shares,
                probabilityBest: evaluation.probabilityBest, conclusion: evaluation.conclusion
            )
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Each arm's aggregates since the release started, after giving decisions whose wait is
    /// over their default reward (while ``BanditController/appliesDefaultRewards(state:conclusion:)``).
    private func banditEvidence(_ model: String, spec: BanditSpec, managed: ManagedRelease) async throws(ExperimentError) -> [String: AggregateCounts] {
        guard let store else { throw .noStore }
        let since = Date(timeIntervalSince1970: managed.evidenceStart)
        do {
            if BanditController.appliesDefaultRewards(state: managed.state, conclusion: managed.conclusion) {
                _ = try await store.applyDefaultRewards(
                    model: model, since: since, decidedBefore: Date(timeIntervalSince1970: now - spec.reward.wait), reward: spec.reward.defaultReward
                )
            }
            return try await store.aggregates(model: model, since: since)
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Each arm's rewards in the aggregates, in the spec's order.
    private static func armRewards(_ spec: BanditSpec, totals: [String: AggregateCounts]) -> [BanditArmStatistics] {
        spec.arms.map { arm in
            let counts = totals[arm] ?? AggregateCounts()
            return BanditArmStatistics(n: Int(counts.rewardCount), sum: counts.rewardSum, sumSquares: counts.rewardSumOfSquares)
        }
    }


    /// One tick of one bandit: step its controller, read each arm's rewards when it asks for
    /// them, step again with them, and carry out what it decided.
    fileprivate func driveBandit(_ model: String, spec: BanditSpec, managed: ManagedRelease) async {
        let now = self.now
        var step: ControllerStep<ExperimentProgress>
        do {
            step = try BanditController.step(
                spec: spec, state: managed.state, progress: progress(of: model, as: ExperimentProgress.self) ?? ExperimentProgress(), conclusion: managed.conclusion,
                rewards: nil, now: now, random: &random
            )
            keep(step.progress, of: model)
            if step.actions.contains(.readEvidence) {
                let rewards = Self.armRewards(spec, totals: try await banditEvidence(model, spec: spec, managed: managed))
                step = try BanditController.step(
                    spec: spec, state: managed.state, progress: step.progress, conclusion: managed.conclusion, rewards: rewards, now: now, random: &random
                )
            }
        } catch {
            logger.error("bandit of \(model): \(error)")
            return
        }
        await carryOut(step, model: model, revision: managed.state.revision, label: "bandit", now: now)
    }
}

/// A bandit's shares follow the rewards, updated by ``BanditController`` every `update_every`.
extension BanditSpec: DrivenStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        guard managed.state.phase == .progressing else { return }
        await controller.driveBandit(model, spec: self, managed: managed)
    }
}
