import TurnoutStats

/// What the bandit controller makes of the arms' evidence on one update.
package struct BanditEvaluation: Sendable, Equatable {
    /// The traffic share of each arm, in the spec's order, with the floor applied.
    package var shares: [Double]
    /// Each arm's probability of being best, in the spec's order.
    package var probabilityBest: [Double]
    /// The posterior used; `gaussian` also for a bernoulli bandit whose rewards left 0...1.
    package var rewardType: BanditPolicy.RewardType
    /// The conclusion to record, when the rule is met.
    package var conclusion: ExperimentConclusion?
}
