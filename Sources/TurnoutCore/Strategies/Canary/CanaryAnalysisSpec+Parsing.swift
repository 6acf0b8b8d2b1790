extension CanaryAnalysisSpec {
    /// The keys of an `analysis` mapping (and of `post_promotion` besides its `window`).
    static let keys = [
        "interval", "min_requests", "max_error_rate", "error_rate_increase", "latency_p99_increase", "reward",
        "failure_limit", "inconclusive", "step_timeout", "checks",
    ]
}

extension ConfigReader {
    /// Reads a canary `analysis` mapping; unset keys keep their defaults.
    mutating func readCanaryAnalysis(_ value: ConfigValue, at path: String) -> CanaryAnalysisSpec? {
        guard let analysis = mapping(value, at: path, allowedKeys: CanaryAnalysisSpec.keys) else { return nil }
        return readCanaryAnalysis(analysis)
    }

    /// Reads the analysis keys of a mapping whose keys were already checked, so that blue-green's
    /// `post_promotion` can hold them next to its own `window`.
    mutating func readCanaryAnalysis(_ analysis: ConfigMapping) -> CanaryAnalysisSpec {
        var result = CanaryAnalysisSpec()
        if let value = analysis["interval"], let interval = duration(value, at: analysis.path("interval")) { result.interval = interval.seconds }
        if let value = analysis["min_requests"], let count = positiveInteger(value, at: analysis.path("min_requests")) { result.minRequests = count }
        if let value = analysis["max_error_rate"], let rate = readFraction(value, at: analysis.path("max_error_rate"), allowZero: false) {
            result.maxErrorRate = rate
        }
        if let value = analysis["error_rate_increase"], let increase = readFraction(value, at: analysis.path("error_rate_increase"), allowZero: true) {
            result.errorRateIncrease = increase
        }
        if let value = analysis["latency_p99_increase"], let increase = number(value, at: analysis.path("latency_p99_increase")) {
            if increase >= 0 {
                result.latencyP99Increase = increase
            } else {
                report(analysis.path("latency_p99_increase"), "expected a fraction of 0 or more such as 0.25 (25% slower), got \(Self.show(value))")
            }
        }
        if let value = analysis["reward"], let reward = bool(value, at: analysis.path("reward")) { result.reward = reward }
        if let value = analysis["failure_limit"], let limit = readCount(value, at: analysis.path("failure_limit")) { result.failureLimit = limit }
        if let value = analysis["inconclusive"],
            let action = choice(value, at: analysis.path("inconclusive"), as: CanaryAnalysisSpec.InconclusiveAction.self)
        {
            result.inconclusive = action
        }
        if let value = analysis["step_timeout"], let timeout = duration(value, at: analysis.path("step_timeout")) { result.stepTimeout = timeout.seconds }
        if let value = analysis["checks"] { result.checks = readMetricChecks(value, at: analysis.path("checks")) }
        return result
    }

    /// A fraction from 0 (when `allowZero`, else above 0) to 1, such as an error rate.
    mutating func readFraction(_ value: ConfigValue, at path: String, allowZero: Bool) -> Double? {
        guard let fraction = number(value, at: path) else { return nil }
        let valid = allowZero ? (0...1).contains(fraction) : fraction > 0 && fraction <= 1
        guard valid else {
            report(path, "expected a fraction \(allowZero ? "from 0" : "above 0") to 1 such as 0.01 (1%), got \(Self.show(value))")
            return nil
        }
        return fraction
    }

    /// A whole number from 0 to ``ConfigBounds/maxCount``, such as a tolerated number of failures.
    mutating func readCount(_ value: ConfigValue, at path: String) -> Int? {
        guard case .int(let count) = value, count >= 0 else {
            report(path, "expected a whole number of 0 or more, got \(Self.show(value))")
            return nil
        }
        return withinCount(count, at: path)
    }

    /// A share of traffic in percent, above 0 and at most 100.
    mutating func readPercent(_ value: ConfigValue, at path: String) -> Double? {
        guard let percent = number(value, at: path) else { return nil }
        guard percent > 0 && percent <= 100 else {
            report(path, "expected a percentage above 0 and at most 100, got \(Self.show(value))")
            return nil
        }
        return percent
    }

    /// A version named under `key` of `release`, which must be one of `versions`.
    mutating func readReleaseVersion(_ release: ConfigMapping, _ key: String, versions: [String], missing: String) -> String? {
        guard let value = release[key] else {
            report(release.path(key), "missing: \(missing)")
            return nil
        }
        guard let name = string(value, at: release.path(key)) else { return nil }
        guard versions.contains(name) else {
            report(release.path(key), "no such version (versions: \(versions.joined(separator: ", ")))")
            return nil
        }
        return name
    }
}
