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
    /// default reward, and works out its next shares.
    func look(atBandit model: String) async throws(ExperimentError) -> BanditLook {
        guard let managed = releases[model] else { throw .unknownModel(model) }
        guard let spec = managed.state.spec.as(BanditSpec.self) else {
            throw .notAnExperiment(model: model, strategy: managed.state.spec.strategyName)
        }
        guard let store else { throw .noStore }
        let since = Date(timeIntervalSince1970: managed.evidenceStart)
        let totals: [String: AggregateCounts]
        do {
            if BanditController.appliesDefaultRewards(state: managed.state, conclusion: managed.conclusion) {
                _ = try await store.applyDefaultRewards(
                    model: model, since: since, decidedBefore: Date(timeIntervalSince1970: now - spec.reward.wait), reward: spec.reward.defaultReward
                )
            }
            totals = try await store.aggregates(model: model, since: since)
        } catch {
            throw .storeFailed("\(error)")
        }
        let rewards = spec.arms.map { arm in
            let counts = totals[arm] ?? AggregateCounts()
            return BanditArmStatistics(n: Int(counts.rewardCount), sum: counts.rewardSum, sumSquares: counts.rewardSumOfSquares)
        }
        do {
            let evaluation = try BanditController.evaluate(spec: spec, rewards: rewards, now: now, random: &random)
            if evaluation.rewardType.rawValue != spec.reward.type.rawValue {
                logger.warning("bandit of \(model): rewards outside 0...1 for a bernoulli bandit; using the gaussian posterior")
            }
            return BanditLook(
                spec: spec, managed: managed, pulls: spec.arms.map { totals[$0]?.count ?? 0 }, rewards: rewards, shares: evaluation.shares,
                probabilityBest: evaluation.probabilityBest, conclusion: evaluation.conclusion
            )
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Drives every running bandit by ``BanditController``: a conclusion still owing its
    /// promotion is promoted; one whose `update_every` has passed gets new shares, and the
    /// conclusion when one arm is best with the configured probability; called by ``tick()``.
    func updateBandits() async {
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) {
            guard let spec = managed.state.spec.as(BanditSpec.self), managed.state.phase == .progressing else { continue }
            if managed.conclusion != nil {
                do { try await promoteConcluded(model) } catch { logger.error("bandit of \(model): promotion failed, retrying: \(error)") }
                continue
            }
            guard BanditController.isUpdateDue(spec: spec, state: managed.state, conclusion: managed.conclusion, lastUpdateAt: lastLooks[model], now: now) else { continue }
            lastLooks[model] = now
            do {
                let look = try await look(atBandit: model)
                guard releases[model]?.state.revision == managed.state.revision else { continue }
                publishShares(zip(spec.arms, look.shares).map { VersionWeight(version: $0, weight: $1) }, for: model)
                if let conclusion = look.conclusion {
                    try await conclude(model, revision: managed.state.revision, conclusion: conclusion)
                }
            } catch {
                logger.error("bandit of \(model): \(error)")
            }
        }
    }
}
