import Foundation
import TurnoutAdminAPI

/// What `turnout experiment` prints: an A/B test's arms, comparisons and decision, or a
/// bandit's arms. Pure, from the decoded answer, so it is tested without a gateway.
package enum ExperimentReport {
    /// The experiment as tables and lines; pure, for tests.
    package static func text(_ answer: ExperimentAnswer) -> String {
        if answer.isBandit { return banditReport(answer) }
        guard let result = answer.result else { return "\(answer.model): the gateway sent no analysis, phase \(answer.phase)" }
        let relative = result.isRelative
        var arms = TextTable([.init("ARM"), .init("N", .right), .init("MEAN", .right), .init("95% INTERVAL", .right)])
        for arm in result.arms {
            arms.append([arm.name, "\(arm.n)", number(arm.mean), interval(arm.ci, percent: false)])
        }
        var variants = TextTable([
            .init("VARIANT"), .init("EFFECT", .right), .init("INTERVAL", .right), .init("P", .right),
            .init("CHANCE TO WIN", .right), .init("RISK", .right), .init("SIGNIFICANT"),
        ])
        for variant in result.variants {
            let effect = variant.effect.map { relative ? String(format: "%+.2f%%", $0 * 100) : String(format: "%+.4g", $0) } ?? "-"
            let p = variant.adjustedPValue ?? variant.pValue
            variants.append([
                variant.name, effect, interval(variant.ci, percent: relative),
                p.map { String(format: "%.4g", $0) } ?? "-", variant.chanceToWin.map { String(format: "%.1f%%", $0 * 100) } ?? "-",
                variant.risk.map { number($0.variant) } ?? "-", variant.significant ? "yes" : "no",
            ])
        }
        let settings = answer.settings
        var lines = [
            "\(answer.model): \(settings["metric"]?.string ?? "?") (\(settings["goal"]?.string ?? "?")), "
                + "\(result.test) test, alpha \(number(result.alpha)), phase \(answer.phase)",
            "",
            arms.render(),
            "",
            variants.render(),
            "",
        ]
        if let srm = result.srm {
            lines.append("sample ratio: p \(number(srm.pValue))\(srm.warning ? "  WARNING: assignment does not match the weights" : "")")
        }
        lines.append("decision: \(result.decision)\(result.winner.map { ", winner \($0)" } ?? "")")
        for reason in result.reasons { lines.append("  - \(reason)") }
        if let conclusion = answer.conclusion {
            lines.append("concluded: \(conclusion.summary)")
        }
        return lines.joined(separator: "\n")
    }

    /// A bandit: each arm's pulls, rewards, mean, share now and probability of being best.
    static func banditReport(_ answer: ExperimentAnswer) -> String {
        var arms = TextTable([
            .init("ARM"), .init("PULLS", .right), .init("REWARDS", .right), .init("MEAN", .right), .init("95% INTERVAL", .right),
            .init("SHARE", .right), .init("P(BEST)", .right),
        ])
        for arm in answer.arms ?? [] {
            arms.append([
                arm.name, "\(arm.pulls)", arm.rewards.isFinite ? "\(Int(arm.rewards))" : "-", number(arm.mean),
                interval(arm.ci?.map { Optional($0) }, percent: false), percent(arm.share), percent(arm.probabilityBest),
            ])
        }
        var lines = [
            "\(answer.model): bandit, \(answer.settings["policy"]?.string ?? "?") policy, phase \(answer.phase)",
            "",
            arms.render(),
        ]
        if let conclusion = answer.conclusion {
            lines += ["", "concluded: \(conclusion.summary)"]
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.1f%%", value * 100)
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.4g", value)
    }

    private static func interval(_ bounds: [Double?]?, percent: Bool) -> String {
        // The API writes an interval as [lower, upper], null for an unbounded side.
        guard let bounds, bounds.count == 2 else { return "-" }
        let lower = bounds[0] ?? -.infinity
        let upper = bounds[1] ?? .infinity
        return percent
            ? String(format: "[%+.2f%%, %+.2f%%]", lower * 100, upper * 100)
            : "[\(number(lower)), \(number(upper))]"
    }
}
