/// What an offline bandit simulation measured, averaged over its runs.
public struct BanditSimulationResult: Sendable, Hashable, Codable {
    /// Mean over runs of the cumulative pseudo-regret: the sum over decisions of the best arm's true
    /// mean minus the chosen arm's true mean (the expected reward lost, free of reward noise).
    public var meanRegret: Double
    /// Standard error of `meanRegret`: the runs' standard deviation over √runs (0 for one run).
    public var regretStandardError: Double
    /// Mean number of times each arm was chosen per run; they sum to the horizon.
    public var meanPulls: [Double]
    /// Number of independent runs.
    public var runs: Int
    /// Decisions per run.
    public var horizon: Int

    /// A result from its measurements.
    public init(meanRegret: Double, regretStandardError: Double, meanPulls: [Double], runs: Int, horizon: Int) {
        self.meanRegret = meanRegret
        self.regretStandardError = regretStandardError
        self.meanPulls = meanPulls
        self.runs = runs
        self.horizon = horizon
    }
}
