extension ReleaseSpec {
    /// Parses a release written in configuration syntax (YAML or JSON), such as
    /// `{"strategy": "split", "weights": {"v1": 90, "v2": 10}}`, for `model`.
    ///
    /// The checks are exactly those `turnout validate` applies to a model's `release` key;
    /// every problem is reported, with paths under `models.<model>.release`.
    public static func parse(_ text: String, for model: ModelConfig) throws(ConfigError) -> ReleaseSpec {
        let document = try ConfigValue.parse(yaml: text)
        var reader = ConfigReader()
        let path = "models.\(model.name).release"
        let spec = reader.readRelease(document, at: path, versions: model.versions.map(\.name))
        guard let spec, reader.issues.isEmpty else {
            throw ConfigError(reader.issues.isEmpty ? [ConfigIssue(path: path, message: "not a release")] : reader.issues)
        }
        return spec
    }

    /// The release in configuration syntax as one line of JSON, keys in the order the
    /// configuration reference uses; ``parse(_:for:)`` reads it back to the same value.
    public var configJSON: String {
        switch self {
        case .single(let version):
            return #"{"strategy":"single","version":\#(Self.quoted(version))}"#
        case .split(let weights):
            let entries = weights.map { "\(Self.quoted($0.version)):\(Self.number($0.weight))" }
            return #"{"strategy":"split","weights":{\#(entries.joined(separator: ","))}}"#
        case .flag(let key, let fallback):
            return #"{"strategy":"flag","flag":\#(Self.quoted(key)),"fallback":\#(Self.quoted(fallback))}"#
        case .abtest(let test):
            let weights = test.weights.map { "\(Self.quoted($0.version)):\(Self.number($0.weight))" }.joined(separator: ",")
            let fields = [
                #""strategy":"abtest""#,
                #""control":\#(Self.quoted(test.control))"#,
                #""variants":[\#(test.variants.map(Self.quoted).joined(separator: ","))]"#,
                #""weights":{\#(weights)}"#,
                #""metric":"\#(test.metric.rawValue)""#,
                #""goal":"\#(test.goal.rawValue)""#,
                #""effect":"\#(test.effect.rawValue)""#,
                #""test":"\#(test.test.rawValue)""#,
                #""alpha":\#(Self.number(test.alpha))"#,
                #""tuning":\#(Self.number(test.tuning))"#,
                #""min_samples":\#(test.minSamples)"#,
                #""max_duration":"\#(Self.duration(test.maxDuration))""#,
                #""on_conclusion":"\#(test.onConclusion.rawValue)""#,
                #""interval":"\#(Self.duration(test.interval))""#,
            ]
            return "{" + fields.joined(separator: ",") + "}"
        case .bandit(let bandit):
            let fields = [
                #""strategy":"bandit""#,
                #""arms":[\#(bandit.arms.map(Self.quoted).joined(separator: ","))]"#,
                #""policy":"\#(bandit.policy.rawValue)""#,
                #""epsilon":\#(Self.number(bandit.epsilon))"#,
                #""temperature":\#(Self.number(bandit.temperature))"#,
                #""reward":{"type":"\#(bandit.reward.type.rawValue)","wait":"\#(Self.duration(bandit.reward.wait))","default":\#(Self.number(bandit.reward.defaultReward))}"#,
                #""min_share":\#(Self.number(bandit.minShare))"#,
                #""update_every":"\#(Self.duration(bandit.updateEvery))""#,
                #""sticky":\#(bandit.sticky)"#,
                #""conclude":{"prob_best":\#(Self.number(bandit.conclude.probabilityBest)),"min_samples":\#(bandit.conclude.minSamples),"action":"\#(bandit.conclude.action.rawValue)"}"#,
            ]
            return "{" + fields.joined(separator: ",") + "}"
        case .shadow(let shadow):
            return Self.shadowJSON(shadow)
        case .canary(let canary):
            return canary.configJSON
        case .bluegreen(let blueGreen):
            return blueGreen.configJSON
        }
    }

    private static func shadowJSON(_ shadow: ShadowSpec) -> String {
        let compare = shadow.compare.thresholds
        var thresholds = [#""min_pairs":\#(compare.minPairs)"#, #""window":\#(shadow.compare.window)"#]
        if let output = shadow.compare.output { thresholds.insert(#""output":\#(quoted(output))"#, at: 0) }
        if let value = compare.minAgreement { thresholds.append(#""min_agreement":\#(number(value))"#) }
        if let value = compare.maxPSI { thresholds.append(#""max_psi":\#(number(value))"#) }
        if let value = compare.maxLatencyP99Ratio { thresholds.append(#""max_latency_p99_ratio":\#(number(value))"#) }
        if let value = compare.maxErrorRate { thresholds.append(#""max_error_rate":\#(number(value))"#) }
        let fields = [
            #""strategy":"shadow""#,
            #""primary":\#(quoted(shadow.primary))"#,
            #""shadows":[\#(shadow.shadows.map(quoted).joined(separator: ","))]"#,
            #""sample":\#(number(shadow.sample))"#,
            #""max_body":\#(shadow.maxBody)"#,
            #""timeout":"\#(duration(shadow.timeout))""#,
            #""concurrency":\#(shadow.concurrency)"#,
            #""compare":{\#(thresholds.joined(separator: ","))}"#,
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Seconds as a configuration duration: whole seconds, or milliseconds when finer.
    private static func duration(_ seconds: Double) -> String {
        ReleaseJSONText.durationText(seconds)
    }

    private static func number(_ value: Double) -> String {
        ReleaseJSONText.number(value)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
