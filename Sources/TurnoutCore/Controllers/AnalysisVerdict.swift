/// One analysis summed up: it fails when any check fails, passes only when every check passes,
/// and is inconclusive otherwise, including when no check ran at all.
enum AnalysisVerdict: Equatable {
    case pass
    case fail(summary: String)
    case inconclusive(summary: String)

    init(_ checks: [NamedCheck]) {
        let failed = checks.filter(\.outcome.isFail)
        let undecided = checks.filter { !$0.outcome.isPass && !$0.outcome.isFail }
        if !failed.isEmpty {
            self = .fail(summary: Self.summary(failed))
        } else if checks.isEmpty {
            self = .inconclusive(summary: "no checks ran")
        } else if !undecided.isEmpty {
            self = .inconclusive(summary: Self.summary(undecided))
        } else {
            self = .pass
        }
    }

    /// `name: reason` for each check, joined by `; `.
    static func summary(_ checks: [NamedCheck]) -> String {
        checks.map { "\($0.name): \($0.outcome.reason ?? $0.outcome.name)" }.joined(separator: "; ")
    }

    /// Seconds for a reason line: `45s`, `2m`, `2m30s`, `1h`, `1h5m`.
    static func seconds(_ value: Double) -> String {
        let total = Int(value.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3_600 { return total % 60 == 0 ? "\(total / 60)m" : "\(total / 60)m\(total % 60)s" }
        let minutes = (total % 3_600) / 60
        return minutes == 0 ? "\(total / 3_600)h" : "\(total / 3_600)h\(minutes)m"
    }

    /// A percentage for a reason line: `25%`, `2.5%`.
    static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
