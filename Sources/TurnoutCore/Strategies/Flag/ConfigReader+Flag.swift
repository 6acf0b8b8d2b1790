extension ConfigReader {
    /// Reads a `flag` release: a feature flag names the version.
    mutating func readFlag(_ value: ConfigValue, at path: String, versions: [String]) -> FlagSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ["strategy", "flag", "fallback"]) else { return nil }
        guard let flagValue = release["flag"] else {
            report(release.path("flag"), "missing: name the flag whose string variants name versions")
            return nil
        }
        guard let key = string(flagValue, at: release.path("flag")), !key.isEmpty else { return nil }
        var fallback = versions.first ?? ""
        if let fallbackValue = release["fallback"] {
            guard let name = string(fallbackValue, at: release.path("fallback")),
                knownVersion(name, at: release.path("fallback"), versions: versions)
            else { return nil }
            fallback = name
        }
        return FlagSpec(key: key, fallback: fallback)
    }
}
