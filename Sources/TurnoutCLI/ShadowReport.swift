import Foundation
import TurnoutAdminAPI

/// What `turnout shadow` prints: per shadow its counts, a table comparing it with the primary,
/// and the verdict. Pure, from the decoded answer, so it is tested without a gateway.
package enum ShadowReport {
    /// The comparison as a table per shadow; pure, for tests.
    package static func text(_ answer: ShadowAnswer) -> String {
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
