/// An offline simulation of a bandit policy on Bernoulli arms with known means, to compare
/// policies by their regret before trusting one with live traffic.
///
/// Each run starts from no data and makes `horizon` decisions; each decision's 0/1 reward reaches
/// the policy only when its batch of `batch` decisions completes, as rewards reach a gateway that
/// recomputes its shares periodically. Run `r` draws from its own generator, seeded from `seed`
/// through SplitMix64, so a seed reproduces every run exactly.
public struct BanditSimulation: Sendable, Hashable {
    /// Each arm's true probability of reward 1.
    public let armMeans: [Double]
    /// Decisions per run.
    public let horizon: Int
    /// Independent runs to average over.
    public let runs: Int
    /// Decisions whose rewards are withheld from the policy until they all complete; 1 updates at once.
    public let batch: Int
    /// The seed all runs' randomness derives from.
    public let seed: UInt64

    /// A simulation, refused when an input is outside its domain.
    ///
    /// - Throws: ``BanditError`` with fewer than two arms, a mean outside `[0, 1]`, or a horizon, run
    ///   count or batch size that is not positive.
    public init(armMeans: [Double], horizon: Int, runs: Int, batch: Int = 1, seed: UInt64 = 1) throws(BanditError) {
        guard armMeans.count >= 2 else { throw .tooFewArms(armMeans.count) }
        for (index, mean) in armMeans.enumerated() where !(mean >= 0 && mean <= 1) {
            throw .invalidArmMean(arm: index, mean)
        }
        guard horizon > 0 else { throw .invalidHorizon(horizon) }
        guard runs > 0 else { throw .invalidRuns(runs) }
        guard batch > 0 else { throw .invalidBatch(batch) }
        self.armMeans = armMeans
        self.horizon = horizon
        self.runs = runs
        self.batch = batch
        self.seed = seed
    }

    /// Runs the policy `runs` times and averages regret and pulls.
    ///
    /// Single decisions come from ``BanditPolicy/choose(arms:random:)`` (so the `minShare` floor
    /// does not apply). `progress` is called after each run with the number of runs completed.
    public func run(_ policy: BanditPolicy, progress: (Int) -> Void = { _ in }) -> BanditSimulationResult {
        var seeder = seed
        var regretSum = 0.0
        var regretSquares = 0.0
        var pullTotals = [Double](repeating: 0, count: armMeans.count)
        var pulls = [Int](repeating: 0, count: armMeans.count)
        for completed in 1...runs {
            var generator = SeededGenerator(seed: SeededGenerator.splitMix64(&seeder))
            simulateRun(policy, pulls: &pulls, using: &generator)
            let regret = pseudoRegret(pulls: pulls)
            regretSum += regret
            regretSquares += regret * regret
            for arm in pulls.indices { pullTotals[arm] += Double(pulls[arm]) }
            progress(completed)
        }
        let count = Double(runs)
        let meanRegret = regretSum / count
        return BanditSimulationResult(
            meanRegret: meanRegret,
            regretStandardError: Self.standardError(sum: regretSum, squares: regretSquares, count: count),
            meanPulls: pullTotals.map { $0 / count },
            runs: runs,
            horizon: horizon
        )
    }

    /// One run: fills `pulls` with how often each arm was chosen. Allocates nothing per decision.
    private func simulateRun(_ policy: BanditPolicy, pulls: inout [Int], using generator: inout SeededGenerator) {
        var observed = [BanditArmStatistics](repeating: .empty, count: armMeans.count)
        var pending = observed
        for arm in pulls.indices { pulls[arm] = 0 }
        for decision in 1...horizon {
            let arm = policy.decide(arms: observed, using: &generator)
            pulls[arm] += 1
            pending[arm].record(generator.nextUniform() < armMeans[arm] ? 1 : 0)
            if decision % batch == 0 {
                for index in observed.indices {
                    observed[index].merge(pending[index])
                    pending[index] = .empty
                }
            }
        }
    }

    /// Σ pullsᵢ · (best mean − meanᵢ): the regret's expectation given the choices, without reward noise.
    private func pseudoRegret(pulls: [Int]) -> Double {
        let best = armMeans.max() ?? 0
        var regret = 0.0
        for (arm, count) in pulls.enumerated() { regret += Double(count) * (best - armMeans[arm]) }
        return regret
    }

    /// The standard error of a mean from the sum and sum of squares of `count` values.
    private static func standardError(sum: Double, squares: Double, count: Double) -> Double {
        guard count > 1 else { return 0 }
        let variance = max(0, (squares - sum * sum / count) / (count - 1))
        return (variance / count).squareRoot()
    }
}
