extension ConfigReader {
    /// Reads a `split` release: a sticky split by weight.
    mutating func readSplit(_ value: ConfigValue, at path: String, versions: [String]) -> SplitSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ["strategy", "weights"]) else { return nil }
        guard let weightsValue = release["weights"] else {
            report(release.path("weights"), "missing: give each version a weight, such as { v1: 90, v2: 10 }")
            return nil
        }
        guard let weights = namedMapping(weightsValue, at: release.path("weights")) else { return nil }
        var result: [VersionWeight] = []
        var valid = true
        for entry in weights.entries {
            let entryPath = weights.path(entry.key)
            valid = knownVersion(entry.key, at: entryPath, versions: versions) && valid
            guard let weight = weight(entry.value, at: entryPath) else {
                valid = false
                continue
            }
            result.append(VersionWeight(version: entry.key, weight: weight))
        }
        if valid && !result.contains(where: { $0.weight > 0 }) {
            report(weights.path, "at least one weight must be above zero")
            valid = false
        }
        return valid ? SplitSpec(weights: result) : nil
    }
}
