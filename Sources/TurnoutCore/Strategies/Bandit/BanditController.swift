import Foundation
import TurnoutStats

/// The bandit as a pure state machine: the release state, its stored conclusion, the
/// controller's ``ExperimentProgress``, each arm's rewards (when read) and the time in; the
/// progress to keep and the ``ControllerAction``s to carry out.
///
/// The gateway drives it on every tick with
/// ``step(spec:state:progress:conclusion:rewards:now:random:)``:
/// 1. without rewards; keep the step's progress;
/// 2. if it asks for ``ControllerAction/readEvidence``, give decisions whose wait is over their
///    default reward (while ``appliesDefaultRewards(state:conclusion:)``), read each arm's
///    rewards and step again, at the same `now`, with them;
/// 3. carry out the actions: ``ControllerAction/route(_:)`` by the new shares,
///    ``ControllerAction/conclude(_:)`` through ``ReleaseLifecycle/conclude(_:actor:now:reason:)``,
///    then ``ControllerAction/promote`` through ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)``.
///
/// ## Rules
/// - Only a ``ReleasePhase/progressing`` bandit without a conclusion learns, once per
///   ``BanditSpec/updateEvery``; a concluded one asks for the promotion it still owes.
/// - It concludes once every arm has `min_samples` rewards and one arm is best with at least
///   `prob_best`; `conclude.action: promote` gives that arm all of the traffic.
/// - Rewards outside 0...1 posted to a bernoulli bandit are read with the gaussian posterior
///   rather than stop the learning, with a warning.
package enum BanditController {
    /// One tick of the bandit.
    ///
    /// - Parameters:
    ///   - progress: the previous step's progress; a fresh one looks at once.
    ///   - conclusion: the conclusion stored with the release, if any.
    ///   - rewards: each arm's rewards, in the spec's order, read because the previous step at
    ///     this `now` asked for them; `nil` on the tick's first step.
    ///   - random: the randomness of the Monte Carlo estimates; seeded in tests.
    package static func step(
        spec: BanditSpec, state: ReleaseState, progress: ExperimentProgress, conclusion: ExperimentConclusion?,
        rewards: [BanditArmStatistics]?, now: Double, random: inout some RandomNumberGenerator
    ) throws(BanditError) -> ControllerStep<ExperimentProgress> {
        if let step = ControllerStep<ExperimentProgress>.beforeJudging(
            state: state, progress: progress, conclusion: conclusion, interval: spec.updateEvery, hasEvidence: rewards != nil, now: now
        ) {
            return step
        }
        guard let rewards else { return ControllerStep(progress: progress) }
        let evaluation = try evaluate(spec: spec, rewards: rewards, now: now, random: &random)
        var actions: [ControllerAction] = []
        if evaluation.rewardType.rawValue != spec.reward.type.rawValue {
            actions.append(.warn("rewards outside 0...1 for a bernoulli bandit; using the gaussian posterior"))
        }
        actions.append(.route(zip(spec.arms, evaluation.shares).map { VersionWeight(version: $0, weight: $1) }))
        if let concluded = evaluation.conclusion { actions.append(.conclude(concluded)) }
        return ControllerStep(progress: progress, actions: actions)
    }

    /// Whether the gateway should read the evidence and update the shares now.
    package static func isUpdateDue(spec: BanditSpec, state: ReleaseState, conclusion: ExperimentConclusion?, lastUpdateAt: Double?, now: Double) -> Bool {
        state.phase == .progressing && conclusion == nil && ExperimentProgress(lastLookAt: lastUpdateAt).isLookDue(every: spec.updateEvery, now: now)
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
