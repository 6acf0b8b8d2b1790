import Foundation
import TurnoutStats

/// The bandit as a pure state machine: the release state, its stored conclusion, when it was
/// last updated, each arm's rewards and the time in; the next shares and the conclusion out.
///
/// The gateway drives it on every tick:
/// 1. with a stored conclusion, apply ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)``;
/// 2. else, when ``isUpdateDue(spec:state:conclusion:lastUpdateAt:now:)``, give decisions whose
///    wait is over their default reward (while ``appliesDefaultRewards(state:conclusion:)``),
///    read each arm's rewards, and call ``evaluate(spec:rewards:now:random:)``;
/// 3. route by the evaluation's shares; record a conclusion with
///    ``ReleaseLifecycle/conclude(_:actor:now:reason:)``, then promote as in 1.
///
/// ## Rules
/// - Only a ``ReleasePhase/progressing`` bandit without a conclusion learns, once per
///   ``BanditSpec/updateEvery``.
/// - It concludes once every arm has `min_samples` rewards and one arm is best with at least
///   `prob_best`; `conclude.action: promote` gives that arm all of the traffic.
/// - Rewards outside 0...1 posted to a bernoulli bandit are read with the gaussian posterior
///   rather than stop the learning.
package enum BanditController {
    /// Whether the gateway should read the evidence and update the shares now.
    package static func isUpdateDue(spec: BanditSpec, state: ReleaseState, conclusion: ExperimentConclusion?, lastUpdateAt: Double?, now: Double) -> Bool {
        state.phase == .progressing && conclusion == nil && now - (lastUpdateAt ?? 0) >= spec.updateEvery
    }

    /// Whether decisions past their wait get the default reward: while the bandit learns; a
    /// concluded or stopped one keeps its evidence as it is.
    package static func appliesDefaultRewards(state: ReleaseState, conclusion: ExperimentConclusion?) -> Bool {
        state.phase == .progressing && conclusion == nil
    }

    /// The next shares, each arm's probability of being best and the conclusion, if any.
    ///
    /// - Parameter rewards: each arm's rewards, in the spec's order.
    package static func evaluate(
        spec: BanditSpec, rewards: [BanditArmStatistics], now: Double, random: inout some RandomNumberGenerator
    ) throws(BanditError) -> BanditEvaluation {
        var rewardType = BanditPolicy.RewardType(rawValue: spec.reward.type.rawValue) ?? .bernoulli
        if rewardType == .bernoulli, rewards.contains(where: { $0.sum < 0 || $0.sum > Double($0.n) }) {
            // A Beta posterior cannot hold rewards outside 0...1: read them as unbounded rather than stop learning.
            rewardType = .gaussian
        }
        let policy = try BanditPolicy(
            kind: BanditPolicy.Kind(rawValue: spec.policy.rawValue) ?? .thompson, epsilon: spec.epsilon, temperature: spec.temperature,
            rewardType: rewardType, minShare: spec.minShare
        )
        let shares = try policy.shares(arms: rewards, random: &random)
        // Thompson's shares already are the probabilities of being best, floored: no second estimate.
        let best = policy.kind == .thompson ? unfloored(shares, minShare: spec.minShare) : try policy.probabilityBest(arms: rewards, random: &random)
        return BanditEvaluation(
            shares: shares, probabilityBest: best, rewardType: rewardType,
            conclusion: conclusion(spec: spec, rewards: rewards, probabilityBest: best, at: now)
        )
    }

    /// The conclusion once every arm has `min_samples` rewards and one is best with at least `prob_best`.
    package static func conclusion(spec: BanditSpec, rewards: [BanditArmStatistics], probabilityBest: [Double], at time: Double) -> ExperimentConclusion? {
        let rule = spec.conclude
        guard rewards.allSatisfy({ $0.n >= rule.minSamples }),
            let best = probabilityBest.indices.max(by: { probabilityBest[$0] < probabilityBest[$1] }),
            probabilityBest[best] >= rule.probabilityBest
        else { return nil }
        let winner = spec.arms[best]
        let means = zip(spec.arms, rewards).map { "\($0) \(String(format: "%.4g", $1.mean)) over \($1.n)" }.joined(separator: ", ")
        let summary = "\(winner) is best with probability \(String(format: "%.4f", probabilityBest[best])) (rule: \(rule.probabilityBest)); mean rewards: \(means)"
        return ExperimentConclusion(
            time: time, decision: "arm_wins", winner: winner, summary: summary, result: nil, promoteTo: rule.action == .promote ? winner : nil
        )
    }

    /// Thompson's shares are the probabilities of being best with the floor applied; this takes it off.
    package static func unfloored(_ shares: [Double], minShare: Double) -> [Double] {
        let spread = 1 - Double(shares.count) * minShare
        guard spread > 0 else { return shares.map { _ in 1 / Double(shares.count) } }
        return shares.map { max(0, ($0 - minShare) / spread) }
    }
}
