import TurnoutStats

extension ABTestSpec {
    static let keys = [
        "strategy", "control", "variants", "weights", "metric", "goal", "effect", "test", "alpha", "tuning",
        "min_samples", "max_duration", "on_conclusion", "interval", "guardrails",
    ]
}

extension ConfigReader {
    mutating func readABTest(_ value: ConfigValue, at path: String, versions: [String]) -> ABTestSpec? {
        guard let release = mapping(value, at: path, allowedKeys: ABTestSpec.keys) else { return nil }
        let issuesBefore = issues.count
        let control = release["control"].flatMap { readArm($0, at: release.path("control"), versions: versions) }
        if release["control"] == nil { report(release.path("control"), "missing: name the version the variants are compared with") }
        let variants = readVariants(release["variants"], at: release.path("variants"), control: control, versions: versions)
        guard let control, let variants, issues.count == issuesBefore else { return nil }
        var spec = ABTestSpec(control: control, variants: variants)
        if let weightsValue = release["weights"], let weights = readArmWeights(weightsValue, at: release.path("weights"), arms: spec.arms) {
            spec.weights = weights
        }
        if let metric = release["metric"].flatMap({ choice($0, at: release.path("metric"), as: ABTestSpec.Metric.self) }) {
            spec.metric = metric
            spec.goal = metric.defaultGoal
        }
        if let goal = release["goal"].flatMap({ choice($0, at: release.path("goal"), as: Goal.self) }) { spec.goal = goal }
        if let effect = release["effect"].flatMap({ choice($0, at: release.path("effect"), as: EffectScale.self) }) { spec.effect = effect }
        if let test = release["test"].flatMap({ choice($0, at: release.path("test"), as: TestKind.self) }) { spec.test = test }
        if let alphaValue = release["alpha"], let alpha = number(alphaValue, at: release.path("alpha")) {
            if alpha > 0 && alpha < 0.5 { spec.alpha = alpha } else { report(release.path("alpha"), "expected a level between 0 and 0.5 such as 0.05, got \(Self.show(alphaValue))") }
        }
        if let tuningValue = release["tuning"], let tuning = number(tuningValue, at: release.path("tuning")) {
            if tuning > 0 && tuning <= Double(ConfigBounds.maxCount) {
                spec.tuning = tuning
            } else {
                report(release.path("tuning"), "expected a sample size above zero and at most \(ConfigBounds.maxCount) such as 5000, got \(Self.show(tuningValue))")
            }
        }
        if let value = release["min_samples"], let samples = positiveInteger(value, at: release.path("min_samples")) { spec.minSamples = samples }
        if let value = release["max_duration"], let duration = duration(value, at: release.path("max_duration")) { spec.maxDuration = duration.seconds }
        if let value = release["interval"], let duration = duration(value, at: release.path("interval")) { spec.interval = duration.seconds }
        if let value = release["on_conclusion"], let action = choice(value, at: release.path("on_conclusion"), as: ABTestSpec.ConclusionAction.self) {
            spec.onConclusion = action
        }
        if let value = release["guardrails"] { spec.guardrails = readMetricChecks(value, at: release.path("guardrails")) }
        return issues.count == issuesBefore ? spec : nil
    }

    private mutating func readArm(_ value: ConfigValue, at path: String, versions: [String]) -> String? {
        guard let name = string(value, at: path) else { return nil }
        guard versions.contains(name) else {
            report(path, "no such version (versions: \(versions.joined(separator: ", ")))")
            return nil
        }
        return name
    }

    private mutating func readVariants(_ value: ConfigValue?, at path: String, control: String?, versions: [String]) -> [String]? {
        guard let value else {
            report(path, "missing: list the versions to test against control, such as [v2]")
            return nil
        }
        let items: [ConfigValue]
        switch value {
        case .array(let list): items = list
        case .string: items = [value]
        default:
            report(path, "expected a list of versions, got \(value.kindDescription)")
            return nil
        }
        guard !items.isEmpty else {
            report(path, "expected at least one variant")
            return nil
        }
        var variants: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = readArm(item, at: "\(path)[\(index)]", versions: versions) else { continue }
            if name == control {
                report("\(path)[\(index)]", "\(name) is the control; a variant must be another version")
            } else if variants.contains(name) {
                report("\(path)[\(index)]", "\(name) is listed twice")
            } else {
                variants.append(name)
            }
        }
        return variants
    }

    private mutating func readArmWeights(_ value: ConfigValue, at path: String, arms: [String]) -> [VersionWeight]? {
        guard let weights = namedMapping(value, at: path) else { return nil }
        var byArm: [String: Double] = [:]
        for entry in weights.entries {
            guard arms.contains(entry.key) else {
                report(weights.path(entry.key), "not an arm of this test (arms: \(arms.joined(separator: ", ")))")
                continue
            }
            guard let weight = weight(entry.value, at: weights.path(entry.key)) else { continue }
            guard weight > 0 else {
                report(weights.path(entry.key), "every arm needs a weight above zero, got \(Self.show(entry.value))")
                continue
            }
            byArm[entry.key] = weight
        }
        let written = Set(weights.entries.map(\.key))
        let missing = arms.filter { !written.contains($0) }
        if !missing.isEmpty { report(path, "missing a weight for \(missing.joined(separator: ", "))") }
        guard byArm.count == arms.count else { return nil }
        return arms.map { VersionWeight(version: $0, weight: byArm[$0] ?? 0) }
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
