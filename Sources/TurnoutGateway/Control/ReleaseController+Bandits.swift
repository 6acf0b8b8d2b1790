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
    }

    /// Reads a bandit's evidence from the store, after giving decisions whose wait is over their
    /// default reward, and works out its next shares.
    func look(atBandit model: String) async throws(ExperimentError) -> BanditLook {
        guard let managed = releases[model] else { throw .unknownModel(model) }
        guard case .bandit(let spec) = managed.state.spec else {
            throw .notAnExperiment(model: model, strategy: managed.state.spec.strategyName)
        }
        guard let store else { throw .noStore }
        let since = Date(timeIntervalSince1970: managed.evidenceStart)
        let totals: [String: AggregateCounts]
        do {
            // The wait rule runs while the bandit learns; a concluded or stopped one keeps its evidence as it is.
            if managed.state.phase == .progressing && managed.conclusion == nil {
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
        var rewardType = BanditPolicy.RewardType(rawValue: spec.reward.type.rawValue) ?? .bernoulli
        if rewardType == .bernoulli, rewards.contains(where: { $0.sum < 0 || $0.sum > Double($0.n) }) {
            // Clients posted rewards outside 0...1 to a bernoulli bandit: a Beta posterior cannot
            // hold them, so read them as unbounded rather than stop learning.
            logger.warning("bandit of \(model): rewards outside 0...1 for a bernoulli bandit; using the gaussian posterior")
            rewardType = .gaussian
        }
        do {
            let policy = try BanditPolicy(
                kind: BanditPolicy.Kind(rawValue: spec.policy.rawValue) ?? .thompson, epsilon: spec.epsilon, temperature: spec.temperature,
                rewardType: rewardType, minShare: spec.minShare
            )
            let shares = try policy.shares(arms: rewards, random: &random)
            let best = policy.kind == .thompson ? Self.unfloored(shares, minShare: spec.minShare) : try policy.probabilityBest(arms: rewards, random: &random)
            return BanditLook(
                spec: spec, managed: managed, pulls: spec.arms.map { totals[$0]?.count ?? 0 }, rewards: rewards, shares: shares, probabilityBest: best
            )
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Updates every running bandit whose `update_every` has passed: new shares, and the
    /// conclusion when one arm is best with the configured probability; called on a timer.
    func updateBandits() async {
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) {
            guard case .bandit(let spec) = managed.state.spec, managed.state.phase == .progressing else { continue }
            if managed.conclusion != nil {
                do { try await promoteConcluded(model) } catch { logger.error("bandit of \(model): promotion failed, retrying: \(error)") }
                continue
            }
            guard now - (lastLooks[model] ?? 0) >= spec.updateEvery else { continue }
            lastLooks[model] = now
            do {
                let look = try await look(atBandit: model)
                guard releases[model]?.state.revision == managed.state.revision else { continue }
                publishShares(zip(spec.arms, look.shares).map { VersionWeight(version: $0, weight: $1) }, for: model)
                if let conclusion = Self.conclusion(of: look, at: now) {
                    try await conclude(model, revision: managed.state.revision, conclusion: conclusion, promoting: spec.conclude.action == .promote ? conclusion.winner : nil)
                }
            } catch {
                logger.error("bandit of \(model): \(error)")
            }
        }
    }

    /// The conclusion once every arm has `min_samples` rewards and one is best with at least `prob_best`.
    static func conclusion(of look: BanditLook, at time: Double) -> ExperimentConclusion? {
        let rule = look.spec.conclude
        guard look.rewards.allSatisfy({ $0.n >= rule.minSamples }),
            let best = look.probabilityBest.indices.max(by: { look.probabilityBest[$0] < look.probabilityBest[$1] }),
            look.probabilityBest[best] >= rule.probabilityBest
        else { return nil }
        let winner = look.spec.arms[best]
        let means = zip(look.spec.arms, look.rewards).map { "\($0) \(String(format: "%.4g", $1.mean)) over \($1.n)" }.joined(separator: ", ")
        let summary = "\(winner) is best with probability \(String(format: "%.4f", look.probabilityBest[best])) (rule: \(rule.probabilityBest)); mean rewards: \(means)"
        return ExperimentConclusion(time: time, decision: "arm_wins", winner: winner, summary: summary, result: nil)
    }

    /// Thompson's shares are the probabilities of being best with the floor applied; this takes it off.
    static func unfloored(_ shares: [Double], minShare: Double) -> [Double] {
        let spread = 1 - Double(shares.count) * minShare
        guard spread > 0 else { return shares.map { _ in 1 / Double(shares.count) } }
        return shares.map { max(0, ($0 - minShare) / spread) }
    }
}
