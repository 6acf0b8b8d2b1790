extension BanditPolicy {
    /// The Monte Carlo draws `shares` and `probabilityBest` use unless told otherwise; the standard
    /// error of a probability estimated from them is at most 0.005.
    public static let defaultDraws = 10_000

    /// The share of traffic each arm should get in the next period; the shares sum to 1.
    ///
    /// Each share is `f + (1 − K·f)·wᵢ` for `K` arms and floor `f = minShare`, so every arm keeps at
    /// least `f` of the traffic and the rest follows the policy's weights `wᵢ`:
    /// - Thompson: the posterior probability that arm `i` is the best, by Monte Carlo;
    /// - UCB1: all of it to the highest upper confidence bound (split evenly among untried arms while
    ///   any remain, or among ties);
    /// - epsilon-greedy: `epsilon/K + (1 − epsilon)` to the best mean and `epsilon/K` to each other arm;
    /// - softmax: `exp(meanᵢ / temperature)` normalized.
    ///
    /// As in ``choose(arms:random:)``, an untried arm's mean counts as 0.
    ///
    /// - Parameters:
    ///   - arms: The statistics of each arm, at least two.
    ///   - generator: The randomness for Thompson's Monte Carlo estimate; other policies ignore it.
    ///   - draws: Monte Carlo draws for Thompson, positive.
    /// - Throws: ``BanditError`` with fewer than two arms, impossible statistics, `K · minShare ≥ 1`
    ///   or `draws ≤ 0`.
    public func shares(
        arms: [BanditArmStatistics], random generator: inout some RandomNumberGenerator, draws: Int = defaultDraws
    ) throws(BanditError) -> [Double] {
        try validateForShares(arms: arms)
        guard draws > 0 else { throw .invalidDraws(draws) }
        return applyingFloor(to: weights(arms: arms, using: &generator, draws: draws))
    }

    /// The posterior probability that each arm has the highest mean reward, estimated from `draws`
    /// joint draws of Thompson sampling's posteriors (see ``RewardType``); the estimates sum to 1.
    ///
    /// - Throws: ``BanditError`` with fewer than two arms, impossible statistics or `draws ≤ 0`.
    public func probabilityBest(
        arms: [BanditArmStatistics], random generator: inout some RandomNumberGenerator, draws: Int = defaultDraws
    ) throws(BanditError) -> [Double] {
        try validate(arms: arms)
        guard draws > 0 else { throw .invalidDraws(draws) }
        return estimateProbabilityBest(arms: arms, using: &generator, draws: draws)
    }

    /// The policy's weights `wᵢ` before the floor; they sum to 1.
    private func weights(arms: [BanditArmStatistics], using generator: inout some RandomNumberGenerator, draws: Int) -> [Double] {
        switch kind {
        case .thompson:
            return estimateProbabilityBest(arms: arms, using: &generator, draws: draws)
        case .ucb1:
            let logTotal = Self.logTotalPulls(arms)
            return Self.evenSplitAmongLargest(arms.map { Self.upperConfidenceBound($0, logTotal: logTotal) })
        case .epsilonGreedy:
            let exploration = epsilon / Double(arms.count)
            return Self.evenSplitAmongLargest(arms.map(\.mean)).map { exploration + (1 - epsilon) * $0 }
        case .softmax:
            let top = Self.largestMean(arms)
            let unnormalized = arms.map { softmaxWeight($0, top: top) }
            let total = unnormalized.reduce(0, +)
            return unnormalized.map { $0 / total }
        }
    }

    /// Counts how often each arm has the largest of one joint posterior draw.
    private func estimateProbabilityBest(
        arms: [BanditArmStatistics], using generator: inout some RandomNumberGenerator, draws: Int
    ) -> [Double] {
        let posterior = Posterior(rewardType: rewardType, arms: arms)
        var wins = [Int](repeating: 0, count: arms.count)
        for _ in 0..<draws {
            var best = 0
            var bestDraw = -Double.infinity
            for (index, arm) in arms.enumerated() {
                let draw = posterior.draw(arm, using: &generator)
                if draw > bestDraw {
                    best = index
                    bestDraw = draw
                }
            }
            wins[best] += 1
        }
        return wins.map { Double($0) / Double(draws) }
    }

    /// `f + (1 − K·f)·wᵢ`: the floor for every arm, the rest in proportion to the weights.
    func applyingFloor(to weights: [Double]) -> [Double] {
        let remaining = 1 - Double(weights.count) * minShare
        return weights.map { minShare + remaining * $0 }
    }

    /// Weight 1 split evenly among the positions holding the largest value (infinite values
    /// included, which is how untried arms share UCB1's traffic).
    static func evenSplitAmongLargest(_ values: [Double]) -> [Double] {
        let top = values.max() ?? 0
        let winners = values.filter { $0 == top }.count
        return values.map { $0 == top ? 1 / Double(winners) : 0 }
    }
}
