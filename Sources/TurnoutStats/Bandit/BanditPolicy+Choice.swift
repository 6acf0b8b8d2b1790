import Foundation

extension BanditPolicy {
    /// Chooses the arm for one decision (one request, or one step of a simulation).
    ///
    /// Thompson sampling draws once from every arm's posterior and takes the largest draw; UCB1
    /// takes the highest upper confidence bound, untried arms first; epsilon-greedy explores any
    /// arm uniformly with probability epsilon and otherwise takes the best mean; softmax draws an
    /// arm with probability `∝ exp(mean / temperature)`. Ties go to one of the tied arms uniformly
    /// at random, so arm order never favours an arm. An untried arm's mean counts as 0.
    /// The `minShare` floor applies to ``shares(arms:random:draws:)``, not to single decisions.
    ///
    /// - Returns: The index of the chosen arm in `arms`.
    /// - Throws: ``BanditError`` with fewer than two arms or impossible statistics.
    public func choose(
        arms: [BanditArmStatistics], random generator: inout some RandomNumberGenerator
    ) throws(BanditError) -> Int {
        try validate(arms: arms)
        return decide(arms: arms, using: &generator)
    }

    /// One decision on arms already validated; the simulator's inner loop, so it allocates nothing.
    func decide(arms: [BanditArmStatistics], using generator: inout some RandomNumberGenerator) -> Int {
        switch kind {
        case .thompson:
            return thompsonChoice(arms: arms, using: &generator)
        case .ucb1:
            let logTotal = Self.logTotalPulls(arms)
            return Self.randomArgmax(count: arms.count, using: &generator) { Self.upperConfidenceBound(arms[$0], logTotal: logTotal) }
        case .epsilonGreedy:
            if RandomVariate.uniform(using: &generator) < epsilon {
                return Int(generator.next(upperBound: UInt64(arms.count)))
            }
            return Self.randomArgmax(count: arms.count, using: &generator) { arms[$0].mean }
        case .softmax:
            return softmaxChoice(arms: arms, using: &generator)
        }
    }

    /// The arm with the largest posterior draw. Draws are continuous, so ties have probability zero
    /// and need no random tie-break.
    private func thompsonChoice(arms: [BanditArmStatistics], using generator: inout some RandomNumberGenerator) -> Int {
        let posterior = Posterior(rewardType: rewardType, arms: arms)
        var best = 0
        var bestDraw = -Double.infinity
        for (index, arm) in arms.enumerated() {
            let draw = posterior.draw(arm, using: &generator)
            if draw > bestDraw {
                best = index
                bestDraw = draw
            }
        }
        return best
    }

    /// Draws an arm from the softmax distribution without building the weight array: one pass for
    /// the normalizer, one to invert the cumulative sum.
    private func softmaxChoice(arms: [BanditArmStatistics], using generator: inout some RandomNumberGenerator) -> Int {
        let top = Self.largestMean(arms)
        var total = 0.0
        for arm in arms { total += softmaxWeight(arm, top: top) }
        var remaining = RandomVariate.uniform(using: &generator) * total
        for (index, arm) in arms.enumerated() {
            remaining -= softmaxWeight(arm, top: top)
            if remaining < 0 { return index }
        }
        return arms.count - 1  // only reached when rounding leaves a sliver of `remaining`
    }

    /// The index of the largest `value(i)` for `i` in `0..<count`; among equal values each is
    /// equally likely (reservoir sampling, so ties cost one random number and no memory).
    static func randomArgmax(
        count: Int, using generator: inout some RandomNumberGenerator, value: (Int) -> Double
    ) -> Int {
        var best = 0
        var bestValue = value(0)
        var ties: UInt64 = 1
        for index in 1..<count {
            let candidate = value(index)
            if candidate > bestValue {
                best = index
                bestValue = candidate
                ties = 1
            } else if candidate == bestValue {
                ties += 1
                if generator.next(upperBound: ties) == 0 { best = index }
            }
        }
        return best
    }
}
