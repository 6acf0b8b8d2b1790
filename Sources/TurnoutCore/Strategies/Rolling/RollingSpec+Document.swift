extension RollingSpec {
    /// The rolling update in configuration syntax as one line of JSON;
    /// ``ConfigReader/readRolling(_:at:versions:)`` reads it back to the same value.
    public var configJSON: String {
        var fields = [
            ReleaseJSONText.field("strategy", "rolling"),
            ReleaseJSONText.field("from", from),
            ReleaseJSONText.field("to", to),
            ReleaseJSONText.raw("max_surge", maxSurge.configJSON),
            ReleaseJSONText.raw("max_unavailable", maxUnavailable.configJSON),
            ReleaseJSONText.raw("min_ready", ReleaseJSONText.duration(minReady)),
            ReleaseJSONText.raw("progress_deadline", ReleaseJSONText.duration(progressDeadline)),
        ]
        if let analysis { fields.append(ReleaseJSONText.raw("analysis", ReleaseJSONText.object(analysis.configJSONFields))) }
        return ReleaseJSONText.object(fields)
    }
}
