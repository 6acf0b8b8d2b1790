extension RollingSpec {
    /// The keys of a `strategy: rolling` release.
    static let keys = ["strategy", "from", "to", "max_surge", "max_unavailable", "min_ready", "progress_deadline", "analysis"]
}

extension ConfigReader {
    /// Reads a `strategy: rolling` release, reporting every problem with its key path.
    ///
    /// That both versions run as `process` versions needs the whole configuration; see
    /// ``RollingSpec/configurationIssues(in:at:)``.
    mutating func readRolling(_ value: ConfigValue, at path: String, versions: [String]) -> RollingSpec? {
        let issuesBefore = issues.count
        guard let release = mapping(value, at: path, allowedKeys: RollingSpec.keys) else { return nil }
        let from = readReleaseVersion(release, "from", versions: versions, missing: "name the version whose instances serve now, such as v1")
        let to = readReleaseVersion(release, "to", versions: versions, missing: "name the version whose instances replace them, such as v2")
        if let from, from == to {
            report(release.path("to"), "must be another version than from (\(from))")
        }
        var spec = RollingSpec(from: from ?? "", to: to ?? "")
        if let value = release["max_surge"], let surge = readReplicaAmount(value, at: release.path("max_surge")) { spec.maxSurge = surge }
        if let value = release["max_unavailable"], let unavailable = readReplicaAmount(value, at: release.path("max_unavailable")) {
            spec.maxUnavailable = unavailable
        }
        if spec.maxSurge.isZero && spec.maxUnavailable.isZero {
            report(release.path("max_unavailable"), "may not be 0 when max_surge is 0: no instance could be replaced")
        }
        if let value = release["min_ready"], let minReady = readZeroOrMoreSeconds(value, at: release.path("min_ready")) { spec.minReady = minReady }
        if let value = release["progress_deadline"], let deadline = duration(value, at: release.path("progress_deadline")) {
            spec.progressDeadline = deadline.seconds
        }
        if let value = release["analysis"] { spec.analysis = readCanaryAnalysis(value, at: release.path("analysis")) }
        guard from != nil, to != nil, issues.count == issuesBefore else { return nil }
        return spec
    }

    /// `max_surge` or `max_unavailable`: a whole number of 0 or more, or a percentage from `"0%"` to `"100%"`.
    mutating func readReplicaAmount(_ value: ConfigValue, at path: String) -> ReplicaAmount? {
        switch value {
        case .int:
            return readCount(value, at: path).map(ReplicaAmount.count)
        case .string(let text):
            if let amount = ReplicaAmount(percentText: text) { return amount }
            report(path, "expected a whole percentage from 0% to 100% such as \"25%\", got \(Self.show(value))")
            return nil
        default:
            report(path, "expected a number of instances such as 1 or a percentage such as \"25%\", got \(Self.show(value))")
            return nil
        }
    }

    /// A duration of zero or more, in seconds, such as a minimum ready time.
    mutating func readZeroOrMoreSeconds(_ value: ConfigValue, at path: String) -> Double? {
        if let duration = ConfigUnits.duration(value), duration >= .zero { return duration.seconds }
        if tooLong(value, at: path) { return nil }
        report(path, "expected a duration of 0 or more such as 0s, 5s or 1m, got \(Self.show(value))")
        return nil
    }
}
