extension TurnoutConfig {
    /// The configuration with relative model-file paths made relative to `directory` (the
    /// directory of the configuration file), so a file works from any working directory.
    public func resolvingPaths(relativeTo directory: String) -> TurnoutConfig {
        var resolved = self
        for modelIndex in resolved.models.indices {
            for versionIndex in resolved.models[modelIndex].versions.indices {
                guard case .builtin(let path) = resolved.models[modelIndex].versions[versionIndex].backend,
                    !path.hasPrefix("/"), !directory.isEmpty
                else { continue }
                let base = directory.hasSuffix("/") ? directory : directory + "/"
                resolved.models[modelIndex].versions[versionIndex].backend = .builtin(path: base + path)
            }
        }
        return resolved
    }
}
