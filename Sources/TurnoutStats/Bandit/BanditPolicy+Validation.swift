extension BanditPolicy {
    /// Checks that there are at least two arms and that every arm's statistics are possible for
    /// this policy's reward type.
    func validate(arms: [BanditArmStatistics]) throws(BanditError) {
        guard arms.count >= 2 else { throw .tooFewArms(arms.count) }
        for (index, arm) in arms.enumerated() {
            if let problem = problem(with: arm) { throw .invalidArmStatistics(arm: index, problem) }
        }
    }

    /// Also checks that the floor leaves traffic to allocate: `K · f < 1`.
    func validateForShares(arms: [BanditArmStatistics]) throws(BanditError) {
        try validate(arms: arms)
        guard Double(arms.count) * minShare < 1 else { throw .minShareTooLarge(minShare: minShare, arms: arms.count) }
    }

    /// What is wrong with one arm's statistics, or nil.
    private func problem(with arm: BanditArmStatistics) -> String? {
        guard arm.sum.isFinite, arm.sumSquares.isFinite else { return "statistics must be finite" }
        guard arm.n >= 0 else { return "n must not be negative, got \(arm.n)" }
        guard arm.sumSquares >= 0 else { return "the sum of squares must not be negative, got \(arm.sumSquares)" }
        if rewardType == .bernoulli {
            // Rewards in [0, 1] give 0 ≤ sum ≤ n; the slack only forgives rounding in long sums of fractions.
            let slack = 1e-9 * max(arm.count, 1)
            guard arm.sum >= -slack, arm.sum <= arm.count + slack else {
                return "Bernoulli rewards must lie in [0, 1], but the sum \(arm.sum) is outside [0, \(arm.n)]"
            }
        }
        return nil
    }
}
