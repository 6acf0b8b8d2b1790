extension CanarySpec {
    /// The keys of a `strategy: canary` release.
    static let keys = ["strategy", "stable", "canary", "steps", "analysis", "rollback_window"]
    /// Steps as they are usually written, for messages.
    static let exampleSteps = "[{ weight: 5, pause: 2m }, { weight: 25, pause: 5m }, { weight: 50 }, { weight: 100 }]"
}

extension ConfigReader {
    /// Reads a `strategy: canary` release, reporting every problem with its key path.
    mutating func readCanary(_ value: ConfigValue, at path: String, versions: [String]) -> CanarySpec? {
        let issuesBefore = issues.count
        guard let release = mapping(value, at: path, allowedKeys: CanarySpec.keys) else { return nil }
        let stable = readReleaseVersion(release, "stable", versions: versions, missing: "name the version that serves the traffic now, such as v1")
        let canary = readReleaseVersion(release, "canary", versions: versions, missing: "name the version being released, such as v2")
        if let stable, stable == canary {
            report(release.path("canary"), "the canary must be another version than stable (\(stable))")
        }
        let steps = readCanarySteps(release["steps"], at: release.path("steps"))
        var analysis = CanaryAnalysisSpec()
        if let value = release["analysis"], let read = readCanaryAnalysis(value, at: release.path("analysis")) { analysis = read }
        var rollbackWindow = 600.0
        if let value = release["rollback_window"], let window = duration(value, at: release.path("rollback_window")) {
            rollbackWindow = window.seconds
        }
        guard let stable, let canary, let steps, issues.count == issuesBefore else { return nil }
        return CanarySpec(stable: stable, canary: canary, steps: steps, analysis: analysis, rollbackWindow: rollbackWindow)
    }

    private mutating func readCanarySteps(_ value: ConfigValue?, at path: String) -> [CanaryStep]? {
        guard let value else {
            report(path, "missing: list the canary's traffic steps, such as \(CanarySpec.exampleSteps)")
            return nil
        }
        guard case .array(let items) = value else {
            report(path, "expected a list of steps such as \(CanarySpec.exampleSteps), got \(value.kindDescription)")
            return nil
        }
        guard !items.isEmpty else {
            report(path, "expected at least one step, such as \(CanarySpec.exampleSteps)")
            return nil
        }
        let issuesBefore = issues.count
        var steps: [CanaryStep] = []
        for (index, item) in items.enumerated() {
            let stepPath = "\(path)[\(index)]"
            guard let step = readCanaryStep(item, at: stepPath) else { continue }
            if let previous = steps.last, previous.weight >= 100 {
                report("\(path)[\(index - 1)].weight", "a step at 100% promotes the canary, so only the last step may be at 100")
            } else if let previous = steps.last, step.weight < previous.weight {
                report(ConfigReader.join(stepPath, "weight"), "weights must not decrease, got \(Self.percent(step.weight)) after \(Self.percent(previous.weight))")
            }
            steps.append(step)
        }
        if issues.count == issuesBefore && !steps.contains(where: { $0.weight < 100 }) {
            report(path, "at least one step must be below 100% (to switch all traffic at once, use strategy: bluegreen)")
        }
        return issues.count == issuesBefore ? steps : nil
    }

    /// One step: `{ weight: 25, pause: 5m }`, or just the weight.
    private mutating func readCanaryStep(_ value: ConfigValue, at path: String) -> CanaryStep? {
        if case .int = value { return readPercent(value, at: path).map { CanaryStep(weight: $0) } }
        if case .double = value { return readPercent(value, at: path).map { CanaryStep(weight: $0) } }
        guard case .mapping = value else {
            report(path, "expected a step such as { weight: 25, pause: 5m }, got \(Self.show(value))")
            return nil
        }
        guard let step = mapping(value, at: path, allowedKeys: ["weight", "pause"]) else { return nil }
        guard let weightValue = step["weight"] else {
            report(step.path("weight"), "missing: the canary's share of traffic in percent, such as 25")
            return nil
        }
        let weight = readPercent(weightValue, at: step.path("weight"))
        let pause = step["pause"].map { readPause($0, at: step.path("pause")) }
        guard let weight, pause.map({ $0 != nil }) ?? true else { return nil }
        return CanaryStep(weight: weight, pause: pause ?? nil)
    }

    /// A pause: a duration of zero or more.
    private mutating func readPause(_ value: ConfigValue, at path: String) -> Double? {
        if let pause = ConfigUnits.duration(value), pause >= .zero { return pause.seconds }
        if tooLong(value, at: path) { return nil }
        report(path, "expected a duration of 0 or more such as 30s, 2m or 1h, got \(Self.show(value))")
        return nil
    }

    private static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
