extension TurnoutConfig {
    /// The problems of a release at `path` (`models.<name>.release`) whose strategy replaces
    /// instances: each version named under a key of `versions` must be a `process` version of
    /// that model, since only those have instances the gateway starts and stops.
    func processVersionIssues(_ versions: KeyValuePairs<String, String>, strategy: ReleaseStrategyName, releaseAt path: String) -> [ConfigIssue] {
        guard let model = models.first(where: { "models.\($0.name).release" == path }) else { return [] }
        return versions.compactMap { key, name in
            guard let version = model.version(named: name), version.process == nil else { return nil }
            return ConfigIssue(
                path: ConfigReader.join(path, key),
                message: "\(strategy.rawValue) replaces instances the gateway runs, but \(name) is not a process version (give it process: { command: [...] })"
            )
        }
    }
}
