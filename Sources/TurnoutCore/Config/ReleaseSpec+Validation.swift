extension ReleaseSpec {
    /// Parses a release for `model` of `config`: ``parse(_:for:)`` plus the checks that need the
    /// whole configuration, as `turnout validate` makes them (a flag release needs flag files).
    ///
    /// What parses here can be stored, routed and shown: every later step only converts values
    /// that are within ``ConfigBounds``.
    public static func parse(_ text: String, for model: ModelConfig, in config: TurnoutConfig) throws(ConfigError) -> ReleaseSpec {
        let spec = try parse(text, for: model)
        let issues = spec.configurationIssues(in: config, at: "models.\(model.name).release")
        if !issues.isEmpty { throw ConfigError(issues) }
        return spec
    }

    /// The problems of a release that was not parsed (one decoded from the store), by the same
    /// rules as a release sent to the admin API; empty when it is valid for `model`.
    ///
    /// The release is checked in its configuration form, so a value no configuration could
    /// hold (a weight of 1e308, a pause of 1e20 seconds, a NaN) is reported, not converted.
    public func validationIssues(for model: ModelConfig) -> [ConfigIssue] {
        do {
            _ = try Self.parse(configJSON, for: model)
            return []
        } catch {
            return error.issues
        }
    }
}
