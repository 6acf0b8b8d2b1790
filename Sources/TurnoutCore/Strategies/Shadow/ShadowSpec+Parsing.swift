extension ShadowSpec {
    static let keys = ["strategy", "primary", "shadows", "sample", "max_body", "timeout", "concurrency", "compare"]
    static let compareKeys = ["output", "min_pairs", "min_agreement", "max_psi", "max_latency_p99_ratio", "max_error_rate", "window"]
}

extension ConfigReader {
    mutating func readShadow(_ value: ConfigValue, at path: String, versions: [String]) -> ShadowSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ShadowSpec.keys) else { return nil }
        let issuesBefore = issues.count
        guard let primaryValue = release["primary"] else {
            report(release.path("primary"), "missing: name the version that answers (one of \(versions.joined(separator: ", ")))")
            return nil
        }
        guard let primary = string(primaryValue, at: release.path("primary")) else { return nil }
        if !versions.contains(primary) {
            report(release.path("primary"), "no such version (versions: \(versions.joined(separator: ", ")))")
        }
        let shadows = readShadowVersions(release["shadows"], at: release.path("shadows"), primary: primary, versions: versions)
        var spec = ShadowSpec(primary: primary, shadows: shadows ?? [])
        if let value = release["sample"], let sample = number(value, at: release.path("sample")) {
            if (0...100).contains(sample) { spec.sample = sample } else { report(release.path("sample"), "expected a percentage from 0 to 100, got \(Self.show(value))") }
        }
        if let value = release["max_body"], let size = byteSize(value, at: release.path("max_body")) { spec.maxBody = size }
        if let value = release["timeout"], let timeout = duration(value, at: release.path("timeout")) { spec.timeout = timeout.seconds }
        if let value = release["concurrency"], let limit = positiveInteger(value, at: release.path("concurrency")) { spec.concurrency = limit }
        if let value = release["compare"], let compare = readShadowCompare(value, at: release.path("compare")) { spec.compare = compare }
        return issues.count == issuesBefore ? spec : nil
    }

    private mutating func readShadowVersions(_ value: ConfigValue?, at path: String, primary: String, versions: [String]) -> [String]? {
        guard let value else {
            report(path, "missing: list the versions that get mirrored requests, such as [v2]")
            return nil
        }
        guard case .array(let items) = value, !items.isEmpty else {
            report(path, "expected a non-empty list of versions, got \(Self.show(value))")
            return nil
        }
        var shadows: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let name = string(item, at: itemPath) else { continue }
            if !versions.contains(name) {
                report(itemPath, "no such version (versions: \(versions.joined(separator: ", ")))")
            } else if name == primary {
                report(itemPath, "\(name) is the primary; a version cannot shadow itself")
            } else if shadows.contains(name) {
                report(itemPath, "\(name) is listed twice")
            } else {
                shadows.append(name)
            }
        }
        return shadows
    }

    private mutating func readShadowCompare(_ value: ConfigValue, at path: String) -> ShadowSpec.Compare? {
        guard let compare = mapping(value, at: path, allowedKeys: ShadowSpec.compareKeys) else { return nil }
        var result = ShadowSpec.Compare()
        if let value = compare["output"], let name = string(value, at: compare.path("output")) { result.output = name }
        if let value = compare["min_pairs"], let pairs = positiveInteger(value, at: compare.path("min_pairs")) { result.thresholds.minPairs = pairs }
        if let value = compare["window"], let window = positiveInteger(value, at: compare.path("window")) { result.window = window }
        result.thresholds.minAgreement = fraction(compare, "min_agreement")
        result.thresholds.maxErrorRate = fraction(compare, "max_error_rate")
        if let value = compare["max_psi"], let psi = number(value, at: compare.path("max_psi")) {
            if psi > 0 { result.thresholds.maxPSI = psi } else { report(compare.path("max_psi"), "expected a number above 0 such as 0.1, got \(Self.show(value))") }
        }
        if let value = compare["max_latency_p99_ratio"], let ratio = number(value, at: compare.path("max_latency_p99_ratio")) {
            if ratio > 0 { result.thresholds.maxLatencyP99Ratio = ratio } else { report(compare.path("max_latency_p99_ratio"), "expected a ratio above 0 such as 1.5, got \(Self.show(value))") }
        }
        return result
    }

    private mutating func fraction(_ mapping: ConfigMapping, _ key: String) -> Double? {
        guard let value = mapping[key], let number = number(value, at: mapping.path(key)) else { return nil }
        guard (0...1).contains(number) else {
            report(mapping.path(key), "expected a fraction from 0 to 1, got \(Self.show(value))")
            return nil
        }
        return number
    }
}
