import ArgumentParser
import Foundation
import TurnoutStats

/// `turnout analyze`: the experiment statistics engine on sufficient statistics, JSON in and out.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the A/B statistics engine on sufficient statistics given as JSON.",
        discussion: """
            The input names the arms (name, n, sum, sum_squares), the control, and the test settings \
            (metric mean|proportion, effect relative|absolute, test fixed|sequential|bayesian, alpha, \
            tuning, weights for the sample-ratio check). The output gives per arm n, mean and interval, \
            per variant effect, interval, p-value (Holm-adjusted with several variants), chance to win \
            and risk, the SRM p-value and the decision. An analyst can re-run or audit a result outside \
            the gateway with it.
            """
    )

    @Option(help: ArgumentHelp("The request as JSON; - reads standard input.", valueName: "FILE"))
    var input: String

    func run() throws {
        let data: Data
        do {
            data = input == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: input))
        } catch {
            throw CommandFailure("cannot read \(input): \(error.localizedDescription)")
        }
        do {
            print(String(decoding: try AnalysisEngine.analyze(json: data), as: UTF8.self))
        } catch {
            throw CommandFailure("\(input): \(error.description)")
        }
    }
}
