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
            return test.configJSON
        case .bandit(let bandit):
            return bandit.configJSON
        case .shadow(let shadow):
            return shadow.configJSON
        case .canary(let canary):
            return canary.configJSON
        case .bluegreen(let blueGreen):
            return blueGreen.configJSON
        }
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
