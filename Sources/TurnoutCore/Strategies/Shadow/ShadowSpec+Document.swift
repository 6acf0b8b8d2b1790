extension ShadowSpec {
    /// The shadow release in configuration syntax as one line of JSON, keys in the order the configuration
    /// reference uses; the reader reads it back to the same value.
    public var configJSON: String {
        let shadow = self
        let compare = shadow.compare.thresholds
        var thresholds = [#""min_pairs":\#(compare.minPairs)"#, #""window":\#(shadow.compare.window)"#]
        if let output = shadow.compare.output { thresholds.insert(#""output":\#(ReleaseSpec.quoted(output))"#, at: 0) }
        if let value = compare.minAgreement { thresholds.append(#""min_agreement":\#(ReleaseJSONText.number(value))"#) }
        if let value = compare.maxPSI { thresholds.append(#""max_psi":\#(ReleaseJSONText.number(value))"#) }
        if let value = compare.maxLatencyP99Ratio { thresholds.append(#""max_latency_p99_ratio":\#(ReleaseJSONText.number(value))"#) }
        if let value = compare.maxErrorRate { thresholds.append(#""max_error_rate":\#(ReleaseJSONText.number(value))"#) }
        let fields = [
            #""strategy":"shadow""#,
            #""primary":\#(ReleaseSpec.quoted(shadow.primary))"#,
            #""shadows":[\#(shadow.shadows.map(ReleaseSpec.quoted).joined(separator: ","))]"#,
            #""sample":\#(ReleaseJSONText.number(shadow.sample))"#,
            #""max_body":\#(shadow.maxBody)"#,
            #""timeout":"\#(ReleaseJSONText.durationText(shadow.timeout))""#,
            #""concurrency":\#(shadow.concurrency)"#,
            #""compare":{\#(thresholds.joined(separator: ","))}"#,
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}
