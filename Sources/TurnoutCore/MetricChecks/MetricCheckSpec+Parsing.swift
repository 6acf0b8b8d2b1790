import Foundation

extension MetricCheckSpec {
    /// The keys of one entry of `checks`.
    static let keys = ["name", "prometheus", "web", "fail_when", "pass_when", "no_data"]
    /// The keys of a `prometheus` provider.
    static let prometheusKeys = ["url", "query", "timeout", "step", "reduce"]
    /// The keys of a `web` provider.
    static let webKeys = ["url", "json_path", "timeout"]
    /// The names of the built-in checks, which a metric check may not take.
    static let reservedNames = [NamedCheck.errorRate, NamedCheck.latency, NamedCheck.reward, NamedCheck.smoke, NamedCheck.prePromotion]
    /// The most checks one analysis holds.
    static let maxChecks = 32
}

extension ConfigReader {
    /// Reads an analysis' `checks` list; entries with problems are reported and left out.
    mutating func readMetricChecks(_ value: ConfigValue, at path: String) -> [MetricCheckSpec] {
        guard case .array(let items) = value else {
            report(path, "expected a list of checks, got \(value.kindDescription)")
            return []
        }
        guard items.count <= MetricCheckSpec.maxChecks else {
            report(path, "expected at most \(MetricCheckSpec.maxChecks) checks, got \(items.count)")
            return []
        }
        var checks: [MetricCheckSpec] = []
        for (index, item) in items.enumerated() {
            guard let check = readMetricCheck(item, at: "\(path)[\(index)]") else { continue }
            if checks.contains(where: { $0.name == check.name }) {
                report("\(path)[\(index)].name", "another check is named \(check.name)")
                continue
            }
            checks.append(check)
        }
        return checks
    }

    private mutating func readMetricCheck(_ value: ConfigValue, at path: String) -> MetricCheckSpec? {
        guard let check = mapping(value, at: path, allowedKeys: MetricCheckSpec.keys) else { return nil }
        let name = readMetricCheckName(check)
        let provider = readMetricProvider(check)
        let condition = readMetricCondition(check)
        var noData = MetricCheckSpec.NoData.inconclusive
        if let value = check["no_data"] {
            guard let setting = choice(value, at: check.path("no_data"), as: MetricCheckSpec.NoData.self) else { return nil }
            noData = setting
        }
        guard let name, let provider, let condition else { return nil }
        return MetricCheckSpec(name: name, provider: provider, condition: condition, noData: noData)
    }

    private mutating func readMetricCheckName(_ check: ConfigMapping) -> String? {
        guard let value = check["name"] else {
            report(check.path("name"), "missing: the check's name, such as gpu-memory")
            return nil
        }
        guard let name = string(value, at: check.path("name")) else { return nil }
        let valid = !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard valid else {
            report(check.path("name"), "expected a name of letters, digits, - _ and . (at most 64), got \(Self.show(value))")
            return nil
        }
        guard !MetricCheckSpec.reservedNames.contains(name) else {
            report(check.path("name"), "\(name) is a built-in check's name")
            return nil
        }
        return name
    }

    private mutating func readMetricProvider(_ check: ConfigMapping) -> MetricProvider? {
        switch (check["prometheus"], check["web"]) {
        case (let prometheus?, nil):
            return readPrometheusProvider(prometheus, at: check.path("prometheus")).map(MetricProvider.prometheus)
        case (nil, let web?):
            return readWebProvider(web, at: check.path("web")).map(MetricProvider.web)
        case (nil, nil):
            report(check.path("prometheus"), "missing: a provider, prometheus: {url, query} or web: {url, json_path}")
            return nil
        case (_?, _?):
            report(check.path("web"), "a check has one provider: prometheus or web, not both")
            return nil
        }
    }

    private mutating func readPrometheusProvider(_ value: ConfigValue, at path: String) -> MetricProvider.Prometheus? {
        guard let settings = mapping(value, at: path, allowedKeys: MetricCheckSpec.prometheusKeys) else { return nil }
        let url = readProviderURL(settings)
        var query: MetricTemplate?
        if let value = settings["query"] {
            query = readTemplate(value, at: settings.path("query"))
            if query?.source.trimmingCharacters(in: .whitespaces).isEmpty == true {
                report(settings.path("query"), "expected a PromQL query, got an empty string")
                query = nil
            }
        } else {
            report(settings.path("query"), "missing: the PromQL query, such as 'max(gpu_mem_used{version=\"{{version}}\"})'")
        }
        let timeout = readProviderTimeout(settings)
        var range: MetricProvider.Prometheus.Range?
        if let value = settings["step"] {
            guard let step = duration(value, at: settings.path("step")) else { return nil }
            range = MetricProvider.Prometheus.Range(step: step.seconds)
        }
        if let value = settings["reduce"] {
            guard range != nil else {
                report(settings.path("reduce"), "reduce applies to a range query: set step too, such as step: 30s")
                return nil
            }
            guard let reduce = choice(value, at: settings.path("reduce"), as: MetricProvider.Prometheus.Reduction.self) else { return nil }
            range?.reduce = reduce
        }
        guard let url, let query, let timeout else { return nil }
        return MetricProvider.Prometheus(url: url, query: query, timeout: timeout, range: range)
    }

    private mutating func readWebProvider(_ value: ConfigValue, at path: String) -> MetricProvider.Web? {
        guard let settings = mapping(value, at: path, allowedKeys: MetricCheckSpec.webKeys) else { return nil }
        let url = readProviderURL(settings)
        var jsonPath: MetricJSONPath? = try? MetricJSONPath(parsing: "$")
        if let value = settings["json_path"] {
            jsonPath = nil
            if let text = string(value, at: settings.path("json_path")) {
                do {
                    jsonPath = try MetricJSONPath(parsing: text)
                } catch {
                    report(settings.path("json_path"), error.message)
                }
            }
        }
        let timeout = readProviderTimeout(settings)
        guard let url, let jsonPath, let timeout else { return nil }
        return MetricProvider.Web(url: url, jsonPath: jsonPath, timeout: timeout)
    }

    /// An `http` or `https` URL with a host, once its variables are filled in.
    private mutating func readProviderURL(_ settings: ConfigMapping) -> MetricTemplate? {
        guard let value = settings["url"] else {
            report(settings.path("url"), "missing: the provider's URL, such as http://127.0.0.1:9090")
            return nil
        }
        guard let template = readTemplate(value, at: settings.path("url")) else { return nil }
        let sample = MetricCheckContext(model: "m", stable: "s", canary: "c", step: 1, windowStart: 0, windowEnd: 0)
        let components = URLComponents(string: template.rendered(sample))
        guard let components, ["http", "https"].contains(components.scheme?.lowercased() ?? ""), components.host?.isEmpty == false else {
            report(settings.path("url"), "expected an http:// or https:// URL with a host, got \(Self.show(value))")
            return nil
        }
        return template
    }

    /// The provider's timeout, its default when unset; nil when the given one is wrong.
    private mutating func readProviderTimeout(_ settings: ConfigMapping) -> Double? {
        guard let value = settings["timeout"] else { return MetricProvider.defaultTimeout }
        return duration(value, at: settings.path("timeout"))?.seconds
    }

    private mutating func readTemplate(_ value: ConfigValue, at path: String) -> MetricTemplate? {
        guard let text = string(value, at: path) else { return nil }
        do {
            return try MetricTemplate(parsing: text)
        } catch {
            report(path, error.message)
            return nil
        }
    }

    private mutating func readMetricCondition(_ check: ConfigMapping) -> MetricCondition? {
        let given = MetricCondition.Kind.allCases.filter { check[$0.rawValue] != nil }
        guard given.count == 1, let kind = given.first, let value = check[kind.rawValue] else {
            let message =
                given.isEmpty
                ? "missing: a condition, fail_when such as \"> 0.9\" or pass_when such as \"== true\""
                : "a check has one condition: fail_when or pass_when, not both"
            report(check.path(given.isEmpty ? "fail_when" : "pass_when"), message)
            return nil
        }
        guard let text = conditionText(value, at: check.path(kind.rawValue)) else { return nil }
        do {
            return try MetricCondition(kind: kind, parsing: text)
        } catch {
            report(check.path(kind.rawValue), "\(error.message), in \(Self.show(value))")
            return nil
        }
    }

    private mutating func conditionText(_ value: ConfigValue, at path: String) -> String? {
        guard case .string(let text) = value else {
            report(path, "expected a condition in quotes such as \"> 0.9\", got \(value.kindDescription)")
            return nil
        }
        return text
    }
}
