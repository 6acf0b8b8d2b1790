import Foundation
import TurnoutAdminAPI
import TurnoutCore
import TurnoutStats

/// The newest look of a canary or blue-green controller: when, each check's verdict with its
/// numbers, and what the controller made of it.
struct RolloutAnalysis: Sendable {
    var time: Double
    var checks: [Check]
    var decision: String
    /// The release's step the look judged.
    var step: Int?

    struct Check: Sendable {
        var name: String
        var verdict: String
        var summary: String
        var values: [String: Double]

        init(name: String, result: CanaryCheckResult) {
            self.name = name
            verdict = result.verdict.rawValue
            summary = result.summary
            values = result.values
        }

        init(name: String, outcome: CheckOutcome) {
            self.name = name
            switch outcome {
            case .pass: verdict = "pass"; summary = "passed"
            case .fail(let reason): verdict = "fail"; summary = reason
            case .inconclusive(let reason): verdict = "inconclusive"; summary = reason
            }
            values = [:]
        }

        /// The check as the controllers weigh it.
        var named: NamedCheck {
            switch verdict {
            case "pass": NamedCheck(name: name, outcome: .pass)
            case "fail": NamedCheck(name: name, outcome: .fail(reason: summary))
            default: NamedCheck(name: name, outcome: .inconclusive(reason: summary))
            }
        }
    }

    /// The look as the admin API shows it.
    var answer: RolloutAnalysisAnswer {
        RolloutAnalysisAnswer(
            time: time,
            decision: decision,
            checks: checks.map { RolloutAnalysisAnswer.Check(name: $0.name, verdict: $0.verdict, summary: $0.summary, values: $0.values) },
            step: step
        )
    }
}
