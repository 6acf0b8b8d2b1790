import Foundation

extension ReleaseNotice {
    /// The body POSTed to a receiver in `format`.
    public func body(_ format: NotificationSpec.Format) -> [UInt8] {
        switch format {
        case .json: jsonBody
        case .slack: slackBody
        }
    }

    /// The notice's fields as JSON, keys sorted, with `commands` added.
    var jsonBody: [UInt8] {
        struct Body: Encodable {
            let notice: ReleaseNotice
            let commands: [String]
            func encode(to encoder: any Encoder) throws {
                try notice.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(commands, forKey: Key(stringValue: "commands"))
            }
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Check values are finite (CanaryCheckResult's contract), so encoding cannot fail.
        return Array((try? encoder.encode(Body(notice: self, commands: commands))) ?? Data())
    }

    /// A Slack incoming-webhook message: one headline, one line per check with its numbers,
    /// and the commands to act on it.
    var slackBody: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array((try? encoder.encode(["text": slackText])) ?? Data())
    }

    /// The Slack message's text (Slack's mrkdwn).
    public var slackText: String {
        var lines = ["*\(model)* \(strategy): \(headline) (step \(step) of \(steps), \(phase.rawValue), by \(actor))"]
        if !reason.isEmpty { lines.append(reason) }
        for check in checks {
            let values = check.values.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.number($0.value))" }
            let numbers = values.isEmpty ? "" : " [\(values.joined(separator: ", "))]"
            lines.append("• \(check.name): *\(check.verdict)*, \(check.summary)\(numbers)")
        }
        if !commands.isEmpty { lines.append(commands.map { "`\($0)`" }.joined(separator: " · ")) }
        return lines.joined(separator: "\n")
    }

    private var headline: String {
        switch event {
        case .step: "moved to the next step"
        case .promote: "promoted"
        case .abort: "aborted"
        case .rollback: "rolled back"
        case .conclusion: "concluded"
        case .checkFailed: "a check failed"
        case .gateWaiting: "waiting at gate \(gate ?? "?")"
        }
    }

    /// Four significant digits, enough for a rate or a latency in a chat line.
    private static func number(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
