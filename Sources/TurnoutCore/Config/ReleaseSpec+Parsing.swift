extension ConfigReader {
    mutating func readRelease(_ value: ConfigValue?, at path: String, versions: [String]) -> ReleaseSpec? {
        guard let value else {
            if versions.count == 1 { return .single(version: versions[0]) }
            report(path, "missing: with several versions, say how to release them (strategy: single, split, flag, abtest, bandit, shadow, canary or bluegreen)")
            return nil
        }
        guard case .mapping(let entries) = value else {
            report(path, "expected a mapping, got \(value.kindDescription)")
            return nil
        }
        let strategyValue = entries.first { $0.key == "strategy" }?.value ?? .string("single")
        guard let strategy = choice(strategyValue, at: Self.join(path, "strategy"), as: ReleaseStrategyName.self) else {
            return nil
        }
        switch strategy {
        case .single:
            return readSingle(value, at: path, versions: versions)
        case .split:
            return readSplit(value, at: path, versions: versions)
        case .flag:
            return readFlag(value, at: path, versions: versions)
        case .abtest:
            return readABTest(value, at: path, versions: versions)
        case .bandit:
            return readBandit(value, at: path, versions: versions)
        case .shadow:
            return readShadow(value, at: path, versions: versions)
        case .canary:
            return readCanary(value, at: path, versions: versions).map(ReleaseSpec.canary)
        case .bluegreen:
            return readBlueGreen(value, at: path, versions: versions).map(ReleaseSpec.bluegreen)
        default:
            let supported = ReleaseStrategyName.supported.map(\.rawValue).joined(separator: ", ")
            report(Self.join(path, "strategy"), "\(strategy.rawValue) is not implemented yet (implemented: \(supported))")
            return nil
        }
    }

    private mutating func readSingle(_ value: ConfigValue, at path: String, versions: [String]) -> ReleaseSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ["strategy", "version"]) else { return nil }
        guard let versionValue = release["version"] else {
            if versions.count == 1 { return .single(version: versions[0]) }
            report(release.path("version"), "missing: name the version that answers (one of \(versions.joined(separator: ", ")))")
            return nil
        }
        guard let version = string(versionValue, at: release.path("version")) else { return nil }
        guard knownVersion(version, at: release.path("version"), versions: versions) else { return nil }
        return .single(version: version)
    }

    private mutating func readSplit(_ value: ConfigValue, at path: String, versions: [String]) -> ReleaseSpec? {
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
        return valid ? .split(weights: result) : nil
    }

    private mutating func readFlag(_ value: ConfigValue, at path: String, versions: [String]) -> ReleaseSpec? {
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
        return .flag(key: key, fallback: fallback)
    }

    private mutating func knownVersion(_ name: String, at path: String, versions: [String]) -> Bool {
        if versions.contains(name) { return true }
        report(path, "no such version (versions: \(versions.joined(separator: ", ")))")
        return false
    }
}
