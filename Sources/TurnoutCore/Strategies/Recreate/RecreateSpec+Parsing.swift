extension RecreateSpec {
    /// The keys of a `strategy: recreate` release.
    static let keys = ["strategy", "from", "to", "hold", "progress_deadline"]
}

extension ConfigReader {
    /// Reads a `strategy: recreate` release, reporting every problem with its key path.
    ///
    /// That both versions run as `process` versions needs the whole configuration; see
    /// ``RecreateSpec/configurationIssues(in:at:)``.
    mutating func readRecreate(_ value: ConfigValue, at path: String, versions: [String]) -> RecreateSpec? {
        let issuesBefore = issues.count
        guard let release = mapping(value, at: path, allowedKeys: RecreateSpec.keys) else { return nil }
        let from = readReleaseVersion(release, "from", versions: versions, missing: "name the version whose instances are stopped, such as v1")
        let to = readReleaseVersion(release, "to", versions: versions, missing: "name the version whose instances are started, such as v2")
        if let from, from == to {
            report(release.path("to"), "must be another version than from (\(from))")
        }
        var spec = RecreateSpec(from: from ?? "", to: to ?? "")
        if let value = release["hold"], let hold = readZeroOrMoreSeconds(value, at: release.path("hold")) { spec.hold = hold }
        if let value = release["progress_deadline"], let deadline = duration(value, at: release.path("progress_deadline")) {
            spec.progressDeadline = deadline.seconds
        }
        guard from != nil, to != nil, issues.count == issuesBefore else { return nil }
        return spec
    }
}
