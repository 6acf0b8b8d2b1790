extension CanaryAnalysisSpec {
    /// The analysis settings as `"key":value` fields of the configuration form, in the order
    /// of the configuration reference.
    var configJSONFields: [String] {
        var fields = [
            ReleaseJSONText.raw("interval", ReleaseJSONText.duration(interval)),
            ReleaseJSONText.raw("min_requests", String(minRequests)),
            ReleaseJSONText.raw("max_error_rate", ReleaseJSONText.number(maxErrorRate)),
            ReleaseJSONText.raw("error_rate_increase", ReleaseJSONText.number(errorRateIncrease)),
            ReleaseJSONText.raw("latency_p99_increase", ReleaseJSONText.number(latencyP99Increase)),
            ReleaseJSONText.raw("reward", String(reward)),
            ReleaseJSONText.raw("failure_limit", String(failureLimit)),
            ReleaseJSONText.field("inconclusive", inconclusive.rawValue),
            ReleaseJSONText.raw("step_timeout", ReleaseJSONText.duration(stepTimeout)),
        ]
        // Left out when empty, so the form of an analysis without checks is as it was.
        if !checks.isEmpty {
            fields.append(ReleaseJSONText.raw("checks", "[" + checks.map(\.configJSON).joined(separator: ",") + "]"))
        }
        return fields
    }
}
