/// Why a bandit policy or simulation refuses its input.
public enum BanditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer than two arms: there is nothing to choose between.
    case tooFewArms(Int)
    /// The exploration rate is outside `[0, 1]`.
    case invalidEpsilon(Double)
    /// The softmax temperature is not positive and finite.
    case invalidTemperature(Double)
    /// The traffic floor is outside `[0, 1)`.
    case invalidMinShare(Double)
    /// The floor times the number of arms is not below 1, so no share would be left to allocate.
    case minShareTooLarge(minShare: Double, arms: Int)
    /// An arm's statistics are impossible (negative or non-finite counts, or for Bernoulli rewards a
    /// sum outside `[0, n]`); the string says which.
    case invalidArmStatistics(arm: Int, String)
    /// The number of Monte Carlo draws is not positive.
    case invalidDraws(Int)
    /// A simulated arm's true mean is outside `[0, 1]`.
    case invalidArmMean(arm: Int, Double)
    /// The simulation horizon is not positive.
    case invalidHorizon(Int)
    /// The number of simulation runs is not positive.
    case invalidRuns(Int)
    /// The batch size is not positive.
    case invalidBatch(Int)

    /// A one-line explanation that names the parameter and what was expected.
    public var description: String {
        switch self {
        case .tooFewArms(let count): "a bandit needs at least 2 arms, got \(count)"
        case .invalidEpsilon(let epsilon): "epsilon must be in [0, 1], got \(epsilon)"
        case .invalidTemperature(let temperature): "temperature must be above 0, got \(temperature)"
        case .invalidMinShare(let share): "the minimum share must be in [0, 1), got \(share)"
        case .minShareTooLarge(let share, let arms):
            "the minimum share \(share) times \(arms) arms must be below 1, so traffic is left for the policy to allocate"
        case .invalidArmStatistics(let arm, let reason): "arm \(arm): \(reason)"
        case .invalidDraws(let draws): "the number of draws must be above 0, got \(draws)"
        case .invalidArmMean(let arm, let mean): "arm \(arm): a Bernoulli mean must be in [0, 1], got \(mean)"
        case .invalidHorizon(let horizon): "the horizon must be above 0, got \(horizon)"
        case .invalidRuns(let runs): "the number of runs must be above 0, got \(runs)"
        case .invalidBatch(let batch): "the batch size must be above 0, got \(batch)"
        }
    }
}
