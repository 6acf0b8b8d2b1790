extension BlueGreenSpec {
    /// The release in configuration syntax as one line of JSON; ``ConfigReader/readBlueGreen(_:at:versions:)``
    /// reads it back to the same value.
    public var configJSON: String {
        let smoke = smoke.map { test in
            var fields = [ReleaseJSONText.field("request", test.request), ReleaseJSONText.raw("expect_status", String(test.expectStatus))]
            if let output = test.expectOutput { fields.append(ReleaseJSONText.field("expect_output", output)) }
            return ReleaseJSONText.object(fields)
        }
        var fields = [
            ReleaseJSONText.field("strategy", "bluegreen"),
            ReleaseJSONText.field("active", active),
            ReleaseJSONText.field("preview", preview),
            ReleaseJSONText.raw("smoke", "[" + smoke.joined(separator: ",") + "]"),
        ]
        if let pre = prePromotion {
            var preFields = [
                ReleaseJSONText.raw("mirror", ReleaseJSONText.number(pre.mirror)),
                ReleaseJSONText.raw("min_pairs", String(pre.minPairs)),
                ReleaseJSONText.raw("max_error_rate", ReleaseJSONText.number(pre.maxErrorRate)),
                ReleaseJSONText.raw("max_latency_p99_ratio", ReleaseJSONText.number(pre.maxLatencyP99Ratio)),
            ]
            // Left out when empty, so the form of a release without checks is as it was.
            if !pre.checks.isEmpty { preFields.append(ReleaseJSONText.raw("checks", "[" + pre.checks.map(\.configJSON).joined(separator: ",") + "]")) }
            fields.append(ReleaseJSONText.raw("pre_promotion", ReleaseJSONText.object(preFields)))
        }
        fields.append(ReleaseJSONText.raw("auto_promote", String(autoPromote)))
        let post = [ReleaseJSONText.raw("window", ReleaseJSONText.duration(postPromotion.window))] + postPromotion.analysis.configJSONFields
        fields.append(ReleaseJSONText.raw("post_promotion", ReleaseJSONText.object(post)))
        fields.append(ReleaseJSONText.raw("rollback_window", ReleaseJSONText.duration(rollbackWindow)))
        return ReleaseJSONText.object(fields)
    }
}
