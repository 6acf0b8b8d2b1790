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
