import ArgumentParser
import Foundation
import TurnoutStats

/// `turnout simulate`: offline simulations that compare release policies before they meet traffic.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate release policies offline.",
        subcommands: [Bandit.self]
    )

    /// `turnout simulate bandit --arms 0.9,0.8 --policy thompson ...`.
    struct Bandit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a bandit policy on Bernoulli arms and report its regret.",
            discussion: """
                Every run starts from no data and makes --horizon decisions; a decision's 0/1 reward \
                reaches the policy once its batch of --batch decisions completes, as rewards reach the \
                gateway between share updates. The output is the mean cumulative pseudo-regret (the \
                sum over decisions of the best arm's mean minus the chosen arm's mean) over --runs \
                runs, with its standard error, and each arm's mean number of pulls. The same seed \
                gives the same numbers.
                """
        )

        @Option(help: ArgumentHelp("Each arm's true probability of reward 1, comma-separated.", valueName: "P,P,..."))
        var arms: String

        @Option(help: "Decisions per run.")
        var horizon = 10_000

        @Option(help: "Independent runs to average over.")
        var runs = 500

        @Option(help: ArgumentHelp("thompson, ucb1, epsilon_greedy or softmax.", valueName: "POLICY"))
        var policy = BanditPolicy.Kind.thompson.rawValue

        @Option(help: "Decisions between updates of the policy's statistics.")
        var batch = 1

        @Option(help: "Seed for all randomness.")
        var seed: UInt64 = 1

        @Option(help: "Exploration probability for epsilon_greedy.")
        var epsilon = 0.1

        @Option(help: "Temperature for softmax.")
        var temperature = 0.1

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            _ = try configured()
        }

        func run() throws {
            let (simulation, banditPolicy) = try configured()
            let result = simulation.run(banditPolicy, progress: Progress(runs: runs).show)
            print(json ? try Report.json(simulation, banditPolicy, result) : Report.text(simulation, banditPolicy, result))
        }

        /// The simulation and policy the options describe, or an error naming the bad option.
        private func configured() throws -> (BanditSimulation, BanditPolicy) {
            guard let kind = BanditPolicy.Kind(rawValue: policy) else {
                let names = BanditPolicy.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--policy must be one of \(names), got \"\(policy)\"")
            }
            let means = try armMeans()
            do {
                return (
                    try BanditSimulation(armMeans: means, horizon: horizon, runs: runs, batch: batch, seed: seed),
                    try BanditPolicy(kind: kind, epsilon: epsilon, temperature: temperature)
                )
            } catch {
                throw ValidationError(error.description)
            }
        }

        private func armMeans() throws -> [Double] {
            let fields = arms.split(separator: ",", omittingEmptySubsequences: false)
            return try fields.map { field in
                let text = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(text) else {
                    throw ValidationError("--arms: expected comma-separated probabilities such as 0.9,0.8, got \"\(arms)\"")
                }
                return value
            }
        }
    }
}

extension Simulate.Bandit {
    /// The text and JSON forms of a bandit simulation's result.
    enum Report {
        static func text(_ simulation: BanditSimulation, _ policy: BanditPolicy, _ result: BanditSimulationResult) -> String {
            var lines = [
                "\(policy.kind.rawValue), \(simulation.armMeans.count) arms, horizon \(simulation.horizon), "
                    + "\(simulation.runs) runs, batch \(simulation.batch), seed \(simulation.seed)",
                "mean cumulative pseudo-regret: \(format(result.meanRegret, 2)) ± \(format(result.regretStandardError, 2)) (standard error)",
                "arm  mean      mean pulls  share",
            ]
            for (index, pulls) in result.meanPulls.enumerated() {
                lines.append(
                    String(index).padding(toLength: 5, withPad: " ", startingAt: 0)
                        + String(simulation.armMeans[index]).padding(toLength: 10, withPad: " ", startingAt: 0)
                        + format(pulls, 1).padding(toLength: 12, withPad: " ", startingAt: 0)
                        + format(100 * pulls / Double(simulation.horizon), 1) + "%"
                )
            }
            return lines.joined(separator: "\n")
        }

        static func json(_ simulation: BanditSimulation, _ policy: BanditPolicy, _ result: BanditSimulationResult) throws -> String {
            let report = Document(
                policy: policy.kind.rawValue, arms: simulation.armMeans, horizon: simulation.horizon,
                runs: simulation.runs, batch: simulation.batch, seed: simulation.seed,
                epsilon: policy.epsilon, temperature: policy.temperature,
                meanRegret: result.meanRegret, regretStandardError: result.regretStandardError, meanPulls: result.meanPulls
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            return String(decoding: try encoder.encode(report), as: UTF8.self)
        }

        /// The JSON document: the inputs that reproduce the run, then what it measured.
        struct Document: Encodable {
            let policy: String
            let arms: [Double]
            let horizon: Int
            let runs: Int
            let batch: Int
            let seed: UInt64
            let epsilon: Double
            let temperature: Double
            let meanRegret: Double
            let regretStandardError: Double
            let meanPulls: [Double]
        }

        static func format(_ value: Double, _ digits: Int) -> String {
            String(format: "%.\(digits)f", value)
        }
    }

    /// Runs completed, on standard error, rewritten in place; only on a terminal, so logs and pipes
    /// get the result alone.
    struct Progress {
        let runs: Int
        private let isTerminal = isatty(STDERR_FILENO) == 1

        init(runs: Int) {
            self.runs = runs
        }

        func show(_ completed: Int) {
            guard isTerminal else { return }
            let line = completed == runs ? "\r\u{1B}[K" : "\r\u{1B}[Kruns \(completed)/\(runs)"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
