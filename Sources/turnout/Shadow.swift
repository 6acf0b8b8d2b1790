import ArgumentParser
import Foundation

/// `turnout shadow MODEL`: how each shadow's answers compare with the primary's, and whether it is ready.
struct Shadow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a shadow release: each shadow's answers compared with the primary's, and the verdict.",
        discussion: """
            Per shadow: mirrored pairs and the ones skipped (a body over max_body), dropped (the \
            mirror queue was full) or timed out; the error rate of each side; for classifiers the \
            agreement of the top-1 class and Cohen's kappa; for numbers the mean and largest \
            absolute difference and the mean relative difference; the drift of the shadow's \
            predictions from the primary's over the recent window (population stability index, \
            Jensen-Shannon distance, Kolmogorov-Smirnov statistic); the latency of each side. \
            Then the verdict against the release's compare thresholds: ready, or not ready with \
            the reasons.

            Reads the admin API of a running gateway. The token, when the gateway requires one, \
            comes from TURNOUT_ADMIN_TOKEN. `turnout promote MODEL --to VERSION` makes a shadow \
            the primary.
            """
    )

    @Argument(help: "The model whose release is a shadow release.")
    var model: String

    @OptionGroup var admin: AdminOptions

    func run() async throws {
        try await admin.show(AdminClient.modelPath(model, "/shadow"), report: Self.report)
    }

    /// The comparison as a table per shadow; pure, for tests.
    static func report(_ object: [String: Any]) -> String {
        let primary = object["primary"] as? String ?? "?"
        var lines = ["\(object["model"] as? String ?? "?"): primary \(primary), \(number(object["sample"]))% of requests mirrored"]
        for shadow in object["shadows"] as? [[String: Any]] ?? [] {
            lines += [""] + shadowReport(shadow, primary: primary)
        }
        return lines.joined(separator: "\n")
    }

    private static func shadowReport(_ shadow: [String: Any], primary: String) -> [String] {
        let name = shadow["version"] as? String ?? "?"
        let counts = shadow["counts"] as? [String: Any] ?? [:]
        let countLine = ["pairs", "compared", "skipped", "dropped", "timed_out"]
            .map { "\($0.replacingOccurrences(of: "_", with: " ")) \(counts[$0] as? Int ?? 0)" }
            .joined(separator: ", ")
        var table = TextTable([.init("MEASURE"), .init(primary.uppercased(), .right), .init(name.uppercased(), .right), .init("COMPARISON", .right)])
        let errors = shadow["error_rate"] as? [String: Any] ?? [:]
        table.append(["error rate", percent(errors["primary"]), percent(errors["shadow"]), ""])
        if let latency = shadow["latency"] as? [String: Any] {
            table.append(["latency p50 (ms)", number(latency["primary_p50_ms"]), number(latency["shadow_p50_ms"]), "ratio \(number(latency["p50_ratio"]))"])
            table.append(["latency p99 (ms)", number(latency["primary_p99_ms"]), number(latency["shadow_p99_ms"]), "ratio \(number(latency["p99_ratio"]))"])
        }
        if let labels = shadow["classification"] as? [String: Any] {
            table.append(["top-1 agreement", "", "", percent(labels["agreement"])])
            table.append(["Cohen's kappa", "", "", number(labels["kappa"])])
        }
        if let numeric = shadow["numeric"] as? [String: Any] {
            table.append(["mean |difference|", "", "", number(numeric["mean_abs_diff"])])
            table.append(["max |difference|", "", "", number(numeric["max_abs_diff"])])
            table.append(["mean relative difference", "", "", number(numeric["mean_rel_diff"])])
        }
        if let drift = shadow["drift"] as? [String: Any] {
            table.append(["PSI (last \(drift["window"] as? Int ?? 0))", "", "", number(drift["psi"])])
            table.append(["Jensen-Shannon distance", "", "", number(drift["js_distance"])])
            table.append(["Kolmogorov-Smirnov", "", "", number(drift["ks"])])
        }
        if let raw = shadow["raw"] as? [String: Any] {
            table.append(["same status", "", "", percent(raw["status_match_rate"])])
            table.append(["same body", "", "", percent(raw["body_match_rate"])])
        }
        let verdict = shadow["verdict"] as? [String: Any] ?? [:]
        let reasons = verdict["reasons"] as? [String] ?? []
        var lines = ["shadow \(name): \(countLine)", table.render()]
        lines.append((verdict["ready"] as? Bool ?? false) ? "verdict: ready" : "verdict: not ready")
        lines += reasons.map { "  - \($0)" }
        return lines
    }

    private static func percent(_ value: Any?) -> String {
        (value as? Double).map { String(format: "%.2f%%", $0 * 100) } ?? "-"
    }

    private static func number(_ value: Any?) -> String {
        guard let value = value as? Double else { return (value as? Int).map(String.init) ?? "-" }
        return String(format: "%.4g", value)
    }
}
