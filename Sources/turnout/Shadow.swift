import ArgumentParser
import Foundation
import TurnoutAdminAPI

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
        try await admin.show(AdminClient.modelPath(model, "/shadow"), as: ShadowAnswer.self, report: Self.report)
    }

    /// The comparison as a table per shadow; pure, for tests.
    static func report(_ answer: ShadowAnswer) -> String {
        var lines = ["\(answer.model): primary \(answer.primary), \(number(answer.sample))% of requests mirrored"]
        for shadow in answer.shadows {
            lines += [""] + shadowReport(shadow, primary: answer.primary)
        }
        return lines.joined(separator: "\n")
    }

    private static func shadowReport(_ shadow: ShadowVersionAnswer, primary: String) -> [String] {
        let name = shadow.version
        let counts = shadow.counts
        let countLine = [("pairs", counts.pairs), ("compared", counts.compared), ("skipped", counts.skipped), ("dropped", counts.dropped), ("timed out", counts.timedOut)]
            .map { "\($0) \($1)" }
            .joined(separator: ", ")
        var table = TextTable([.init("MEASURE"), .init(primary.uppercased(), .right), .init(name.uppercased(), .right), .init("COMPARISON", .right)])
        table.append(["error rate", percent(shadow.errorRate.primary), percent(shadow.errorRate.shadow), ""])
        if let latency = shadow.latency {
            table.append(["latency p50 (ms)", number(latency.primaryP50Ms), number(latency.shadowP50Ms), "ratio \(number(latency.p50Ratio))"])
            table.append(["latency p99 (ms)", number(latency.primaryP99Ms), number(latency.shadowP99Ms), "ratio \(number(latency.p99Ratio))"])
        }
        if let labels = shadow.classification {
            table.append(["top-1 agreement", "", "", percent(labels.agreement)])
            table.append(["Cohen's kappa", "", "", number(labels.kappa)])
        }
        if let numeric = shadow.numeric {
            table.append(["mean |difference|", "", "", number(numeric.meanAbsDiff)])
            table.append(["max |difference|", "", "", number(numeric.maxAbsDiff)])
            table.append(["mean relative difference", "", "", number(numeric.meanRelDiff)])
        }
        if let drift = shadow.drift {
            table.append(["PSI (last \(drift.window))", "", "", number(drift.psi)])
            table.append(["Jensen-Shannon distance", "", "", number(drift.jsDistance)])
            table.append(["Kolmogorov-Smirnov", "", "", number(drift.ks)])
        }
        if let raw = shadow.raw {
            table.append(["same status", "", "", percent(raw.statusMatchRate)])
            table.append(["same body", "", "", percent(raw.bodyMatchRate)])
        }
        var lines = ["shadow \(name): \(countLine)", table.render()]
        lines.append(shadow.verdict.ready ? "verdict: ready" : "verdict: not ready")
        lines += shadow.verdict.reasons.map { "  - \($0)" }
        return lines
    }

    private static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.2f%%", value * 100)
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.4g", value)
    }
}
