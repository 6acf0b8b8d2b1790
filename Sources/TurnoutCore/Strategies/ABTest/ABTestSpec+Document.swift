extension ABTestSpec {
    /// The A/B test in configuration syntax as one line of JSON, keys in the order the configuration
    /// reference uses; the reader reads it back to the same value.
    public var configJSON: String {
        let test = self
        let weights = test.weights.map { "\(ReleaseSpec.quoted($0.version)):\(ReleaseJSONText.number($0.weight))" }.joined(separator: ",")
        var fields = [
            #""strategy":"abtest""#,
            #""control":\#(ReleaseSpec.quoted(test.control))"#,
            #""variants":[\#(test.variants.map(ReleaseSpec.quoted).joined(separator: ","))]"#,
            #""weights":{\#(weights)}"#,
            #""metric":"\#(test.metric.rawValue)""#,
            #""goal":"\#(test.goal.rawValue)""#,
            #""effect":"\#(test.effect.rawValue)""#,
            #""test":"\#(test.test.rawValue)""#,
            #""alpha":\#(ReleaseJSONText.number(test.alpha))"#,
            #""tuning":\#(ReleaseJSONText.number(test.tuning))"#,
            #""min_samples":\#(test.minSamples)"#,
            #""max_duration":"\#(ReleaseJSONText.durationText(test.maxDuration))""#,
            #""on_conclusion":"\#(test.onConclusion.rawValue)""#,
            #""interval":"\#(ReleaseJSONText.durationText(test.interval))""#,
        ]
        // Left out when empty, so the form of a test without guardrails is as it was.
        if !test.guardrails.isEmpty {
            fields.append(ReleaseJSONText.raw("guardrails", "[" + test.guardrails.map(\.configJSON).joined(separator: ",") + "]"))
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
