import ArgumentParser
import Foundation

/// `turnout experiment MODEL`: an A/B test's arms, comparisons and decision, from the admin API.
struct Experiment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an A/B test: each arm's evidence, each variant against control, and the decision.",
        discussion: """
            Per arm: units with the metric (n), the mean and its confidence interval. Per variant: \
            the effect against control (relative effects in percent), its interval, the p-value \
            (Holm-adjusted with several variants), the chance to win and the expected loss (risk) \
            of shipping it, from the Bayesian model. Then the sample-ratio check (a p-value below \
            0.001 means assignment is broken and nothing is concluded) and the decision: keep \
            running, a variant wins, control wins, or no difference at the end.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN.
            """
    )

    @Argument(help: "The model whose release is an A/B test.")
    var model: String

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await admin.show(AdminClient.modelPath(model, "/experiment"), report: Self.report)
    }

    /// The experiment as tables and lines; pure, for tests.
    static func report(_ object: [String: Any]) -> String {
        if object["strategy"] as? String == "bandit" { return banditReport(object) }
        let result = object["result"] as? [String: Any] ?? [:]
        let settings = object["settings"] as? [String: Any] ?? [:]
        let relative = (result["effect"] as? String) == "relative"
        var arms = TextTable([.init("ARM"), .init("N", .right), .init("MEAN", .right), .init("95% INTERVAL", .right)])
        for arm in result["arms"] as? [[String: Any]] ?? [] {
            arms.append([arm["name"] as? String ?? "?", "\(arm["n"] as? Int ?? 0)", number(arm["mean"]), interval(arm["ci"], percent: false)])
        }
        var variants = TextTable([
            .init("VARIANT"), .init("EFFECT", .right), .init("INTERVAL", .right), .init("P", .right),
            .init("CHANCE TO WIN", .right), .init("RISK", .right), .init("SIGNIFICANT"),
        ])
        for variant in result["variants"] as? [[String: Any]] ?? [] {
            let effect = (variant["effect"] as? Double).map { relative ? String(format: "%+.2f%%", $0 * 100) : String(format: "%+.4g", $0) } ?? "-"
            let p = variant["adjusted_p_value"] as? Double ?? variant["p_value"] as? Double
            let risk = (variant["risk"] as? [String: Any]).map { "\(number($0["variant"]))" } ?? "-"
            variants.append([
                variant["name"] as? String ?? "?", effect, interval(variant["ci"], percent: relative),
                p.map { String(format: "%.4g", $0) } ?? "-", (variant["chance_to_win"] as? Double).map { String(format: "%.1f%%", $0 * 100) } ?? "-",
                risk, (variant["significant"] as? Bool ?? false) ? "yes" : "no",
            ])
        }
        var lines = [
            "\(object["model"] as? String ?? "?"): \(settings["metric"] as? String ?? "?") (\(settings["goal"] as? String ?? "?")), "
                + "\(result["test"] as? String ?? "?") test, alpha \(number(result["alpha"])), phase \(object["phase"] as? String ?? "?")",
            "",
            arms.render(),
            "",
            variants.render(),
            "",
        ]
        if let srm = result["srm"] as? [String: Any] {
            let warning = srm["warning"] as? Bool ?? false
            lines.append("sample ratio: p \(number(srm["p_value"]))\(warning ? "  WARNING: assignment does not match the weights" : "")")
        }
        lines.append("decision: \(result["decision"] as? String ?? "?")\((result["winner"] as? String).map { ", winner \($0)" } ?? "")")
        for reason in result["reasons"] as? [String] ?? [] { lines.append("  - \(reason)") }
        if let conclusion = object["conclusion"] as? [String: Any], let summary = conclusion["summary"] as? String {
            lines.append("concluded: \(summary)")
        }
        return lines.joined(separator: "\n")
    }

    /// A bandit: each arm's pulls, rewards, mean, share now and probability of being best.
    static func banditReport(_ object: [String: Any]) -> String {
        let settings = object["settings"] as? [String: Any] ?? [:]
        var arms = TextTable([
            .init("ARM"), .init("PULLS", .right), .init("REWARDS", .right), .init("MEAN", .right), .init("95% INTERVAL", .right),
            .init("SHARE", .right), .init("P(BEST)", .right),
        ])
        for arm in object["arms"] as? [[String: Any]] ?? [] {
            arms.append([
                arm["name"] as? String ?? "?", "\(arm["pulls"] as? Int ?? 0)", "\(Int(arm["rewards"] as? Double ?? 0))", number(arm["mean"]),
                interval(arm["ci"], percent: false), percent(arm["share"]), percent(arm["probability_best"]),
            ])
        }
        var lines = [
            "\(object["model"] as? String ?? "?"): bandit, \(settings["policy"] as? String ?? "?") policy, phase \(object["phase"] as? String ?? "?")",
            "",
            arms.render(),
        ]
        if let conclusion = object["conclusion"] as? [String: Any], let summary = conclusion["summary"] as? String {
            lines += ["", "concluded: \(summary)"]
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Any?) -> String {
        (value as? Double).map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    private static func number(_ value: Any?) -> String {
        guard let value = value as? Double else { return "-" }
        return String(format: "%.4g", value)
    }

    private static func interval(_ value: Any?, percent: Bool) -> String {
        // The API writes an interval as [lower, upper], null for an unbounded side.
        guard let bounds = value as? [Any], bounds.count == 2 else { return "-" }
        let lower = bounds[0] as? Double ?? -.infinity
        let upper = bounds[1] as? Double ?? .infinity
        return percent
            ? String(format: "[%+.2f%%, %+.2f%%]", lower * 100, upper * 100)
            : "[\(number(lower)), \(number(upper))]"
    }
}
