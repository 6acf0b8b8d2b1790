import Foundation

extension BanditPolicy {
    /// UCB1's index `mean + √(2 ln t / n)`, infinite for an untried arm so it is tried first.
    static func upperConfidenceBound(_ arm: BanditArmStatistics, logTotal: Double) -> Double {
        guard arm.n > 0 else { return .infinity }
        return arm.mean + (2 * logTotal / arm.count).squareRoot()
    }

    /// `ln t` for UCB1, with `t` the total number of rewards; never below 0, so fractional counts
    /// (for example after decay) cannot make the bonus imaginary.
    static func logTotalPulls(_ arms: [BanditArmStatistics]) -> Double {
        var total = 0.0
        for arm in arms { total += arm.count }
        return Foundation.log(max(total, 1))
    }

    /// The largest mean, which the softmax subtracts so that `exp` cannot overflow.
    static func largestMean(_ arms: [BanditArmStatistics]) -> Double {
        var top = -Double.infinity
        for arm in arms { top = max(top, arm.mean) }
        return top
    }

    /// The unnormalized softmax weight `exp((mean − top) / temperature)`.
    func softmaxWeight(_ arm: BanditArmStatistics, top: Double) -> Double {
        Foundation.exp((arm.mean - top) / temperature)
    }
}
