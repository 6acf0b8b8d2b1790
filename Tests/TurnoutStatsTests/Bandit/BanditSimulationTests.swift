import Testing
import TurnoutStats

/// The regret targets for Bernoulli arms over a horizon of 10,000 decisions, and the
/// simulator's own contract.
///
/// The full measurement (release build, 500 runs, seed 1) gave, against the targets:
/// - arms 0.9 and 0.8: Thompson 10.61 ± 0.39 (10.8), with rewards in batches of 100 11.42 ± 0.29;
///   UCB1 87.51 ± 0.72 (88); epsilon-greedy 0.1 55.93 ± 0.71 (56);
/// - arm 0.5 and nine at 0.4: Thompson 168.05 ± 2.12 (168), batches of 100 168.37 ± 2.41;
///   UCB1 594.55 ± 2.09 (593); epsilon-greedy 0.1 220.72 ± 8.26 (218).
/// These tests use fewer runs so a debug build stays quick, and accept a measurement within 15% of
/// the target or within three of its standard errors, whichever is wider.
@Suite("Bandit simulation")
struct BanditSimulationTests {
    #if DEBUG
    static let runs = 100
    #else
    static let runs = 500
    #endif
    static let horizon = 10_000

    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let armMeans: [Double]
        let thompson: Double
        let ucb1: Double
        let epsilonGreedy: Double
        var testDescription: String { name }
    }

    static let scenarios = [
        Scenario(name: "arms 0.9 and 0.8", armMeans: [0.9, 0.8], thompson: 10.8, ucb1: 88, epsilonGreedy: 56),
        Scenario(
            name: "arm 0.5 and nine at 0.4", armMeans: [0.5] + Array(repeating: 0.4, count: 9),
            thompson: 168, ucb1: 593, epsilonGreedy: 218),
    ]

    static func measure(_ kind: BanditPolicy.Kind, _ armMeans: [Double], batch: Int = 1) throws -> BanditSimulationResult {
        let simulation = try BanditSimulation(armMeans: armMeans, horizon: horizon, runs: runs, batch: batch, seed: 1)
        return simulation.run(try BanditPolicy(kind: kind, epsilon: 0.1))
    }

    /// Within 15% of the target, or within three standard errors when those are wider.
    static func isNearTarget(_ result: BanditSimulationResult, _ target: Double) -> Bool {
        abs(result.meanRegret - target) < max(0.15 * target, 3 * result.regretStandardError)
    }

    /// One test per scenario, so each policy's simulation runs once (the slow part in a debug build).
    @Test(arguments: scenarios)
    func regretLandsNearTheTargetsWithThompsonBelowUCB1AndUnmovedByBatching(_ scenario: Scenario) throws {
        let thompson = try Self.measure(.thompson, scenario.armMeans)
        let batched = try Self.measure(.thompson, scenario.armMeans, batch: 100)
        let ucb1 = try Self.measure(.ucb1, scenario.armMeans)
        let epsilonGreedy = try Self.measure(.epsilonGreedy, scenario.armMeans)
        #expect(Self.isNearTarget(thompson, scenario.thompson), "Thompson \(thompson.meanRegret) ± \(thompson.regretStandardError)")
        #expect(Self.isNearTarget(batched, scenario.thompson), "batched Thompson \(batched.meanRegret) ± \(batched.regretStandardError)")
        #expect(Self.isNearTarget(ucb1, scenario.ucb1), "UCB1 \(ucb1.meanRegret) ± \(ucb1.regretStandardError)")
        #expect(Self.isNearTarget(epsilonGreedy, scenario.epsilonGreedy), "epsilon-greedy \(epsilonGreedy.meanRegret) ± \(epsilonGreedy.regretStandardError)")
        #expect(thompson.meanRegret + 3 * thompson.regretStandardError < ucb1.meanRegret - 3 * ucb1.regretStandardError)
        // Batching barely moves Thompson: the two agree within 15% of the target or three combined standard errors.
        let combinedError = (thompson.regretStandardError * thompson.regretStandardError
            + batched.regretStandardError * batched.regretStandardError).squareRoot()
        #expect(abs(batched.meanRegret - thompson.meanRegret) < max(0.15 * scenario.thompson, 3 * combinedError))
    }

    @Test func aSeedReproducesTheResult() throws {
        let simulation = try BanditSimulation(armMeans: [0.6, 0.5, 0.4], horizon: 500, runs: 20, batch: 10, seed: 7)
        let policy = try BanditPolicy(kind: .thompson)
        let first = simulation.run(policy)
        #expect(simulation.run(policy) == first)
        let otherSeed = try BanditSimulation(armMeans: [0.6, 0.5, 0.4], horizon: 500, runs: 20, batch: 10, seed: 8)
        #expect(otherSeed.run(policy) != first)
    }

    @Test func pullsAddUpToTheHorizonAndRegretFollowsFromThem() throws {
        let simulation = try BanditSimulation(armMeans: [0.3, 0.7], horizon: 1000, runs: 10, seed: 3)
        var reported: [Int] = []
        let result = simulation.run(try BanditPolicy(kind: .epsilonGreedy)) { reported.append($0) }
        #expect(abs(result.meanPulls.reduce(0, +) - 1000) < 1e-9)
        // The mean of per-run pseudo-regrets is linear in the mean pulls: (0.7 − 0.3) per pull of arm 0.
        #expect(abs(result.meanRegret - 0.4 * result.meanPulls[0]) < 1e-9)
        #expect(result.runs == 10 && result.horizon == 1000)
        #expect(reported == Array(1...10))
    }

    @Test func aSingleArmWorthTakingGetsAlmostAllPulls() throws {
        let simulation = try BanditSimulation(armMeans: [0.1, 0.9], horizon: 2000, runs: 5, seed: 4)
        let result = simulation.run(try BanditPolicy(kind: .thompson))
        #expect(result.meanPulls[1] > 1900)
    }

    @Test func inputsOutsideTheirDomainAreRefused() {
        #expect(throws: BanditError.tooFewArms(1)) { try BanditSimulation(armMeans: [0.5], horizon: 10, runs: 1) }
        #expect(throws: BanditError.invalidArmMean(arm: 1, 1.2)) { try BanditSimulation(armMeans: [0.5, 1.2], horizon: 10, runs: 1) }
        #expect(throws: BanditError.invalidArmMean(arm: 0, -0.1)) { try BanditSimulation(armMeans: [-0.1, 0.5], horizon: 10, runs: 1) }
        #expect(throws: BanditError.self) { try BanditSimulation(armMeans: [.nan, 0.5], horizon: 10, runs: 1) }
        #expect(throws: BanditError.invalidHorizon(0)) { try BanditSimulation(armMeans: [0.5, 0.4], horizon: 0, runs: 1) }
        #expect(throws: BanditError.invalidRuns(-3)) { try BanditSimulation(armMeans: [0.5, 0.4], horizon: 10, runs: -3) }
        #expect(throws: BanditError.invalidBatch(0)) { try BanditSimulation(armMeans: [0.5, 0.4], horizon: 10, runs: 1, batch: 0) }
    }
}
