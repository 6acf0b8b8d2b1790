import TurnoutAdminAPI
import TurnoutCore
import TurnoutStats

extension ExperimentAnswer {
    /// An A/B test: settings, the engine's result and the conclusion.
    init(_ look: ReleaseController.ABTestLook) {
        self.init(
            model: look.managed.state.model,
            phase: look.managed.state.phase.rawValue,
            startedAt: look.managed.evidenceStart,
            settings: WireValue(json: look.managed.state.spec.configJSON),
            result: ABTestResultAnswer(look.result),
            conclusion: look.managed.conclusion.map(ConclusionAnswer.init)
        )
    }

    /// A bandit: per arm its pulls, rewards, mean with a 95% interval, the share of traffic in
    /// force and the probability of being best.
    init(_ look: ReleaseController.BanditLook, sharesInForce: [VersionWeight]) {
        let total = sharesInForce.reduce(0) { $0 + $1.weight }
        let arms = look.spec.arms.indices.map { index in
            let name = look.spec.arms[index]
            let rewards = look.rewards[index]
            let share = total > 0 ? (sharesInForce.first { $0.version == name }?.weight ?? 0) / total : 0
            var mean: Double?
            var interval: [Double]?
            if rewards.n > 0 {
                mean = rewards.mean
                let halfWidth = rewards.n > 1 ? 1.959964 * (rewards.sampleVariance / Double(rewards.n)).squareRoot() : Double.infinity
                // A NaN half-width (a NaN reward) also fails `isFinite`: no interval rather than a broken one.
                interval = halfWidth.isFinite ? [rewards.mean - halfWidth, rewards.mean + halfWidth] : nil
            }
            return BanditArmAnswer(
                name: name, pulls: look.pulls[index], rewards: Double(rewards.n), mean: mean, ci: interval,
                share: share, nextShare: look.shares[index], probabilityBest: look.probabilityBest[index]
            )
        }
        self.init(
            model: look.managed.state.model,
            strategy: "bandit",
            phase: look.managed.state.phase.rawValue,
            startedAt: look.managed.evidenceStart,
            settings: WireValue(json: look.managed.state.spec.configJSON),
            arms: arms,
            conclusion: look.managed.conclusion.map(ConclusionAnswer.init)
        )
    }
}

extension ConclusionAnswer {
    init(_ conclusion: ExperimentConclusion) {
        self.init(time: conclusion.time, decision: conclusion.decision, winner: conclusion.winner, summary: conclusion.summary)
    }
}
