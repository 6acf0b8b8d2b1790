import Foundation

extension BanditPolicy {
    /// Thompson sampling's posterior for each arm's mean reward, ready to draw from.
    ///
    /// Bernoulli rewards use Beta(1 + sum, 1 + n − sum), the uniform prior updated by the rewards,
    /// where a fractional reward r counts as r successes and 1 − r failures. Gaussian rewards use a
    /// normal posterior with the sample mean and variance s²/n, shrunk by a weak prior worth one
    /// observation: the pooled mean and variance of all arms' rewards. The prior gives an untried or
    /// once-tried arm a finite, wide posterior on the scale of the data, and fades as n grows.
    struct Posterior {
        let rewardType: RewardType
        let priorMean: Double
        let priorVariance: Double

        init(rewardType: RewardType, arms: [BanditArmStatistics]) {
            self.rewardType = rewardType
            guard rewardType == .gaussian else {
                priorMean = 0
                priorVariance = 1
                return
            }
            var pooled = BanditArmStatistics.empty
            for arm in arms { pooled.merge(arm) }
            priorMean = pooled.mean
            // With no spread seen yet there is no scale to borrow; 1 keeps the posterior proper.
            let variance = pooled.sampleVariance
            priorVariance = variance > 0 ? variance : 1
        }

        /// One draw of the arm's mean reward from its posterior.
        func draw(_ arm: BanditArmStatistics, using generator: inout some RandomNumberGenerator) -> Double {
            switch rewardType {
            case .bernoulli:
                // Clamped so rounding in a long sum of fractions cannot make a parameter non-positive.
                let successes = min(max(arm.sum, 0), arm.count)
                return RandomVariate.beta(1 + successes, 1 + arm.count - successes, using: &generator)
            case .gaussian:
                let (mean, standardDeviation) = normalPosterior(arm)
                return RandomVariate.normal(mean: mean, standardDeviation: standardDeviation, using: &generator)
            }
        }

        /// The normal posterior's mean and standard deviation for the arm's mean reward.
        func normalPosterior(_ arm: BanditArmStatistics) -> (mean: Double, standardDeviation: Double) {
            let weight = arm.count + 1
            let mean = (arm.sum + priorMean) / weight
            let degreesOfFreedom = max(arm.count - 1, 0)
            let variance = (degreesOfFreedom * arm.sampleVariance + priorVariance) / (degreesOfFreedom + 1)
            return (mean, (variance / weight).squareRoot())
        }
    }
}
