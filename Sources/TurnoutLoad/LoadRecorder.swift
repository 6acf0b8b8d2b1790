import Histogram

/// Accumulates the outcome of each request of a load run.
struct LoadRecorder: Sendable {
    private var latency = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private(set) var requests = 0
    private(set) var succeeded = 0
    private var errors: [String: Int] = [:]
    private var versions: [String: (answers: Int, labeled: Int, correct: Int)] = [:]
    var feedbackSent = 0
    var feedbackFailed = 0

    /// One finished request.
    struct Sample: Sendable {
        var status: Int?
        var microseconds: UInt64
        var version: String?
        var predicted: Int?
        var label: Int?
    }

    mutating func record(_ sample: Sample) {
        requests += 1
        _ = latency.record(Swift.max(1, sample.microseconds))
        guard let status = sample.status else {
            errors["transport", default: 0] += 1
            return
        }
        guard (200..<300).contains(status) else {
            errors[String(status), default: 0] += 1
            return
        }
        succeeded += 1
        let version = sample.version ?? "unknown"
        var outcome = versions[version] ?? (0, 0, 0)
        outcome.answers += 1
        if let label = sample.label, let predicted = sample.predicted {
            outcome.labeled += 1
            if label == predicted { outcome.correct += 1 }
        }
        versions[version] = outcome
    }

    func milliseconds(atPercentile percentile: Double) -> Double {
        requests == 0 ? 0 : Double(latency.valueAtPercentile(percentile)) / 1000
    }

    func report(seconds: Double, interrupted: Bool) -> LoadReport {
        LoadReport(
            requests: requests,
            succeeded: succeeded,
            errors: errors,
            latency: .init(
                p50: milliseconds(atPercentile: 50),
                p90: milliseconds(atPercentile: 90),
                p99: milliseconds(atPercentile: 99),
                max: requests == 0 ? 0 : Double(latency.max) / 1000
            ),
            versions: versions.mapValues { outcome in
                LoadReport.VersionOutcome(
                    answers: outcome.answers,
                    share: succeeded == 0 ? 0 : Double(outcome.answers) / Double(succeeded),
                    labeled: outcome.labeled,
                    correct: outcome.correct,
                    accuracy: outcome.labeled == 0 ? nil : Double(outcome.correct) / Double(outcome.labeled)
                )
            },
            feedbackSent: feedbackSent,
            feedbackFailed: feedbackFailed,
            seconds: seconds,
            achievedRate: seconds > 0 ? Double(requests) / seconds : 0,
            interrupted: interrupted
        )
    }
}
