extension ConfigReader {
    /// Reads a `single` release: one version answers every request.
    mutating func readSingle(_ value: ConfigValue, at path: String, versions: [String]) -> SingleSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ["strategy", "version"]) else { return nil }
        guard let versionValue = release["version"] else {
            if versions.count == 1 { return SingleSpec(version: versions[0]) }
            report(release.path("version"), "missing: name the version that answers (one of \(versions.joined(separator: ", ")))")
            return nil
        }
        guard let version = string(versionValue, at: release.path("version")) else { return nil }
        guard knownVersion(version, at: release.path("version"), versions: versions) else { return nil }
        return SingleSpec(version: version)
    }
}
