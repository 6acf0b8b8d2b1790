extension BanditSpec {
    static let keys = ["strategy", "arms", "policy", "epsilon", "temperature", "reward", "min_share", "update_every", "sticky", "conclude"]
}

extension ConfigReader {
    mutating func readBandit(_ value: ConfigValue, at path: String, versions: [String]) -> BanditSpec? {
        guard let release = mapping(value, at: path, allowedKeys: BanditSpec.keys) else { return nil }
        let issuesBefore = issues.count
        guard let arms = readBanditArms(release["arms"], at: release.path("arms"), versions: versions) else { return nil }
        var spec = BanditSpec(arms: arms)
        if let value = release["policy"], let policy = choice(value, at: release.path("policy"), as: BanditSpec.Policy.self) { spec.policy = policy }
        if let value = release["epsilon"], let epsilon = number(value, at: release.path("epsilon")) {
            if (0...1).contains(epsilon) { spec.epsilon = epsilon } else { report(release.path("epsilon"), "expected a fraction from 0 to 1, got \(Self.show(value))") }
        }
        if let value = release["temperature"], let temperature = number(value, at: release.path("temperature")) {
            if temperature > 0 { spec.temperature = temperature } else { report(release.path("temperature"), "expected a number above 0, got \(Self.show(value))") }
        }
        if let value = release["min_share"], let share = number(value, at: release.path("min_share")) {
            if share >= 0 && share * Double(arms.count) < 1 {
                spec.minShare = share
            } else {
                report(release.path("min_share"), "expected a share from 0 to below 1/\(arms.count) (one over the number of arms), got \(Self.show(value))")
            }
        }
        if let value = release["update_every"], let every = duration(value, at: release.path("update_every")) { spec.updateEvery = every.seconds }
        if let value = release["sticky"], let sticky = bool(value, at: release.path("sticky")) { spec.sticky = sticky }
        if let value = release["reward"], let reward = readBanditReward(value, at: release.path("reward")) { spec.reward = reward }
        if let value = release["conclude"], let conclusion = readBanditConclusion(value, at: release.path("conclude")) { spec.conclude = conclusion }
        return issues.count == issuesBefore ? spec : nil
    }

    private mutating func readBanditArms(_ value: ConfigValue?, at path: String, versions: [String]) -> [String]? {
        guard let value else {
            report(path, "missing: list the versions that compete, such as [v1, v2]")
            return nil
        }
        guard case .array(let items) = value else {
            report(path, "expected a list of versions, got \(value.kindDescription)")
            return nil
        }
        var arms: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = string(item, at: "\(path)[\(index)]") else { continue }
            if !versions.contains(name) {
                report("\(path)[\(index)]", "no such version (versions: \(versions.joined(separator: ", ")))")
            } else if arms.contains(name) {
                report("\(path)[\(index)]", "\(name) is listed twice")
            } else {
                arms.append(name)
            }
        }
        guard arms.count >= 2 else {
            report(path, "a bandit needs at least two arms")
            return nil
        }
        return arms
    }

    private mutating func readBanditReward(_ value: ConfigValue, at path: String) -> BanditSpec.Reward? {
        guard let reward = mapping(value, at: path, allowedKeys: ["type", "wait", "default"]) else { return nil }
        var result = BanditSpec.Reward()
        if let value = reward["type"], let type = choice(value, at: reward.path("type"), as: BanditSpec.RewardType.self) { result.type = type }
        if let value = reward["wait"], let wait = duration(value, at: reward.path("wait")) { result.wait = wait.seconds }
        if let value = reward["default"], let fallback = number(value, at: reward.path("default")) { result.defaultReward = fallback }
        if result.type == .bernoulli && !(0...1).contains(result.defaultReward) {
            report(reward.path("default"), "a bernoulli reward is from 0 to 1, got \(result.defaultReward) (use type: gaussian for other rewards)")
            return nil
        }
        return result
    }

    private mutating func readBanditConclusion(_ value: ConfigValue, at path: String) -> BanditSpec.Conclusion? {
        guard let conclude = mapping(value, at: path, allowedKeys: ["prob_best", "min_samples", "action"]) else { return nil }
        var result = BanditSpec.Conclusion()
        if let value = conclude["prob_best"], let probability = number(value, at: conclude.path("prob_best")) {
            if probability > 0.5 && probability < 1 {
                result.probabilityBest = probability
            } else {
                report(conclude.path("prob_best"), "expected a probability between 0.5 and 1 such as 0.95, got \(Self.show(value))")
            }
        }
        if let value = conclude["min_samples"], let samples = positiveInteger(value, at: conclude.path("min_samples")) { result.minSamples = samples }
        if let value = conclude["action"], let action = choice(value, at: conclude.path("action"), as: BanditSpec.Conclusion.Action.self) {
            result.action = action
        }
        return result
    }
}
