extension BlueGreenSpec {
    /// The keys of a `strategy: bluegreen` release.
    static let keys = ["strategy", "active", "preview", "smoke", "pre_promotion", "auto_promote", "post_promotion", "rollback_window"]
    /// The keys of `pre_promotion`.
    static let prePromotionKeys = ["mirror", "min_pairs", "max_error_rate", "max_latency_p99_ratio", "checks"]
    /// The keys of `post_promotion`: its window and the canary analysis settings.
    static let postPromotionKeys = ["window"] + CanaryAnalysisSpec.keys
}

extension ConfigReader {
    /// Reads a `strategy: bluegreen` release, reporting every problem with its key path.
    mutating func readBlueGreen(_ value: ConfigValue, at path: String, versions: [String]) -> BlueGreenSpec? {
        let issuesBefore = issues.count
        guard let release = mapping(value, at: path, allowedKeys: BlueGreenSpec.keys) else { return nil }
        let active = readReleaseVersion(release, "active", versions: versions, missing: "name the version that answers now (blue), such as v1")
        let preview = readReleaseVersion(release, "preview", versions: versions, missing: "name the version being prepared (green), such as v2")
        if let active, active == preview {
            report(release.path("preview"), "the preview must be another version than active (\(active))")
        }
        var spec = BlueGreenSpec(active: active ?? "", preview: preview ?? "")
        if let value = release["smoke"], let smoke = readSmokeTests(value, at: release.path("smoke")) { spec.smoke = smoke }
        if let value = release["pre_promotion"] { spec.prePromotion = readPrePromotion(value, at: release.path("pre_promotion")) }
        if let value = release["auto_promote"], let auto = bool(value, at: release.path("auto_promote")) { spec.autoPromote = auto }
        if let value = release["post_promotion"], let post = readPostPromotion(value, at: release.path("post_promotion")) {
            spec.postPromotion = post
        }
        if let value = release["rollback_window"], let window = duration(value, at: release.path("rollback_window")) {
            spec.rollbackWindow = window.seconds
        }
        guard active != nil, preview != nil, issues.count == issuesBefore else { return nil }
        return spec
    }

    private mutating func readSmokeTests(_ value: ConfigValue, at path: String) -> [BlueGreenSpec.SmokeTest]? {
        guard case .array(let items) = value else {
            report(path, "expected a list of smoke tests such as [{ request: smoke/request.json, expect_status: 200 }], got \(value.kindDescription)")
            return nil
        }
        var tests: [BlueGreenSpec.SmokeTest] = []
        for (index, item) in items.enumerated() {
            if let test = readSmokeTest(item, at: "\(path)[\(index)]") { tests.append(test) }
        }
        return tests.count == items.count ? tests : nil
    }

    /// One smoke test: `{ request: FILE, expect_status: 200, expect_output: FILE }`, or just the request file.
    private mutating func readSmokeTest(_ value: ConfigValue, at path: String) -> BlueGreenSpec.SmokeTest? {
        if case .string = value {
            return readFilePath(value, at: path).map { BlueGreenSpec.SmokeTest(request: $0) }
        }
        guard let test = mapping(value, at: path, allowedKeys: ["request", "expect_status", "expect_output"]) else { return nil }
        let issuesBefore = issues.count
        guard let requestValue = test["request"] else {
            report(test.path("request"), "missing: the file holding the request body, such as smoke/request.json")
            return nil
        }
        var result = BlueGreenSpec.SmokeTest(request: readFilePath(requestValue, at: test.path("request")) ?? "")
        if let value = test["expect_status"] {
            if case .int(let status) = value, (100...599).contains(status) {
                result.expectStatus = status
            } else {
                report(test.path("expect_status"), "expected an HTTP status from 100 to 599, got \(Self.show(value))")
            }
        }
        if let value = test["expect_output"] { result.expectOutput = readFilePath(value, at: test.path("expect_output")) }
        return issues.count == issuesBefore ? result : nil
    }

    private mutating func readFilePath(_ value: ConfigValue, at path: String) -> String? {
        guard let text = string(value, at: path) else { return nil }
        guard !text.isEmpty else {
            report(path, "expected a file path, got an empty string")
            return nil
        }
        return text
    }

    private mutating func readPrePromotion(_ value: ConfigValue, at path: String) -> BlueGreenSpec.PrePromotion? {
        guard let settings = mapping(value, at: path, allowedKeys: BlueGreenSpec.prePromotionKeys) else { return nil }
        var result = BlueGreenSpec.PrePromotion()
        if let value = settings["mirror"], let mirror = readPercent(value, at: settings.path("mirror")) { result.mirror = mirror }
        if let value = settings["min_pairs"], let pairs = positiveInteger(value, at: settings.path("min_pairs")) { result.minPairs = pairs }
        if let value = settings["max_error_rate"], let rate = readFraction(value, at: settings.path("max_error_rate"), allowZero: false) {
            result.maxErrorRate = rate
        }
        if let value = settings["max_latency_p99_ratio"], let ratio = number(value, at: settings.path("max_latency_p99_ratio")) {
            if ratio > 0 {
                result.maxLatencyP99Ratio = ratio
            } else {
                report(settings.path("max_latency_p99_ratio"), "expected a ratio above 0 such as 1.5 (50% slower at most), got \(Self.show(value))")
            }
        }
        if let value = settings["checks"] { result.checks = readMetricChecks(value, at: settings.path("checks")) }
        return result
    }

    private mutating func readPostPromotion(_ value: ConfigValue, at path: String) -> BlueGreenSpec.PostPromotion? {
        guard let settings = mapping(value, at: path, allowedKeys: BlueGreenSpec.postPromotionKeys) else { return nil }
        var result = BlueGreenSpec.PostPromotion(analysis: readCanaryAnalysis(settings))
        if let value = settings["window"], let window = duration(value, at: settings.path("window")) { result.window = window.seconds }
        return result
    }
}
