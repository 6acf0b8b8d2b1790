import Foundation
import TurnoutLoad

/// How `turnout load` shows its progress and its summary.
enum LoadSummary {
    static func text(_ report: LoadReport) -> String {
        var lines: [String] = []
        let errors = report.errors.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        lines.append(
            "\(report.interrupted ? "interrupted: " : "")\(report.requests) requests in \(format(report.seconds, 1)) s "
                + "(\(format(report.achievedRate, 1))/s), \(report.succeeded) ok" + (errors.isEmpty ? "" : ", errors: \(errors)")
        )
        lines.append(
            "latency ms  p50 \(format(report.latency.p50, 2))  p90 \(format(report.latency.p90, 2))  "
                + "p99 \(format(report.latency.p99, 2))  max \(format(report.latency.max, 2))"
        )
        if !report.versions.isEmpty {
            lines.append("")
            lines.append("version".padding(toLength: 12, withPad: " ", startingAt: 0) + "share    answers  accuracy")
            for (name, outcome) in report.versions.sorted(by: { $0.key < $1.key }) {
                let accuracy = outcome.accuracy.map { "\(format($0 * 100, 1))% (\(outcome.correct)/\(outcome.labeled))" } ?? "n/a"
                lines.append(
                    name.padding(toLength: 12, withPad: " ", startingAt: 0)
                        + "\(format(outcome.share * 100, 1))%".padding(toLength: 9, withPad: " ", startingAt: 0)
                        + String(outcome.answers).padding(toLength: 9, withPad: " ", startingAt: 0) + accuracy
                )
            }
        }
        if report.feedbackSent + report.feedbackFailed > 0 {
            lines.append("feedback: \(report.feedbackSent) accepted, \(report.feedbackFailed) failed")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: LoadReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}

/// A one-line progress display on standard error, rewritten in place on a terminal.
enum ProgressLine {
    private static let isTerminal = isatty(STDERR_FILENO) == 1

    static func show(_ progress: LoadGenerator.Progress) {
        let line = "\(LoadSummary.format(progress.seconds, 0))s  \(progress.requests) requests  "
            + "\(progress.succeeded) ok  p50 \(LoadSummary.format(progress.p50Milliseconds, 2)) ms"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    static func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
