extension VersionConfig {
    static let keys = ["upstream", "builtin", "process", "model", "timeouts", "probe", "eject", "max_connections", "idle_timeout"]
    /// The backends a version names exactly one of.
    static let backendKeys = ["upstream", "builtin", "process"]
    /// The upstream settings that also apply to a `process` version's instances.
    static let connectionKeys = ["model", "timeouts", "max_connections", "idle_timeout"]
}

extension ConfigReader {
    mutating func readVersion(named name: String, _ value: ConfigValue, at path: String) -> VersionConfig? {
        guard let version = mapping(value, at: path, allowedKeys: VersionConfig.keys) else { return nil }
        let backends = VersionConfig.backendKeys.filter { version[$0] != nil }
        guard backends.count == 1, let backend = backends.first else {
            if backends.isEmpty {
                report(path, "missing backend: give upstream (a list of http:// URLs), builtin (a model file) or process (a command the gateway runs)")
            } else {
                report(path, "give only one of upstream, builtin or process, not \(backends.joined(separator: " and "))")
            }
            return nil
        }
        switch backend {
        case "upstream":
            return version["upstream"].flatMap { readUpstream($0, in: version) }.map { VersionConfig(name: name, backend: .upstream($0)) }
        case "process":
            return version["process"].flatMap { readProcess($0, in: version) }.map { VersionConfig(name: name, backend: .process($0)) }
        default:
            for key in VersionConfig.connectionKeys where version[key] != nil {
                report(version.path(key), "only applies to upstream and process versions")
            }
            for key in ["probe", "eject"] where version[key] != nil {
                report(version.path(key), "only applies to upstream versions")
            }
            guard let builtin = version["builtin"], let file = string(builtin, at: version.path("builtin")) else { return nil }
            return VersionConfig(name: name, backend: .builtin(path: file))
        }
    }

    private mutating func readUpstream(_ value: ConfigValue, in version: ConfigMapping) -> UpstreamConfig? {
        let path = version.path("upstream")
        let texts: [(String, String)]
        switch value {
        case .string(let text): texts = [(text, path)]
        case .array(let items):
            texts = items.enumerated().compactMap { index, item in
                string(item, at: "\(path)[\(index)]").map { ($0, "\(path)[\(index)]") }
            }
            if items.isEmpty { report(path, "expected at least one instance URL") }
        default:
            report(path, "expected a URL or a list of URLs, got \(value.kindDescription)")
            return nil
        }
        let instances = texts.compactMap { text, itemPath in
            let url = UpstreamURL(parsing: text)
            if url == nil { report(itemPath, "expected an http://HOST:PORT URL, got \"\(text)\"") }
            return url
        }
        var config = UpstreamConfig(instances: instances)
        readConnectionSettings(in: version, into: &config)
        if let value = version["probe"] { config.probe = readProbe(value, at: version.path("probe")) }
        if let value = version["eject"], let ejection = readEjection(value, at: version.path("eject")) {
            config.ejection = ejection
        }
        return instances.isEmpty ? nil : config
    }

    /// The settings of ``VersionConfig/connectionKeys``, which upstream and process versions share.
    mutating func readConnectionSettings(in version: ConfigMapping, into config: inout UpstreamConfig) {
        if let value = version["model"] { config.modelName = string(value, at: version.path("model")) }
        if let value = version["timeouts"], let timeouts = readTimeouts(value, at: version.path("timeouts")) {
            config.timeouts = timeouts
        }
        if let value = version["max_connections"], let limit = positiveInteger(value, at: version.path("max_connections")) {
            config.maxConnectionsPerLoop = limit
        }
        if let value = version["idle_timeout"], let idle = duration(value, at: version.path("idle_timeout")) {
            config.idleTimeout = idle
        }
    }

    private mutating func readTimeouts(_ value: ConfigValue, at path: String) -> UpstreamTimeouts? {
        guard let timeouts = mapping(value, at: path, allowedKeys: ["connect", "read", "write", "total"]) else { return nil }
        var result = UpstreamTimeouts()
        if let value = timeouts["connect"], let limit = duration(value, at: timeouts.path("connect")) { result.connect = limit }
        if let value = timeouts["read"], let limit = duration(value, at: timeouts.path("read")) { result.read = limit }
        if let value = timeouts["write"], let limit = duration(value, at: timeouts.path("write")) { result.write = limit }
        if let value = timeouts["total"], let limit = duration(value, at: timeouts.path("total")) { result.total = limit }
        return result
    }

    private mutating func readProbe(_ value: ConfigValue, at path: String) -> ReadinessProbe? {
        if case .bool(false) = value { return nil }
        if case .bool(true) = value { return ReadinessProbe() }
        guard let probe = mapping(value, at: path, allowedKeys: ["path", "interval", "timeout"]) else { return nil }
        var result = ReadinessProbe()
        if let value = probe["path"], let text = string(value, at: probe.path("path")) {
            if text.hasPrefix("/") { result.path = text } else { report(probe.path("path"), "expected a path starting with /") }
        }
        if let value = probe["interval"], let interval = duration(value, at: probe.path("interval")) { result.interval = interval }
        if let value = probe["timeout"], let timeout = duration(value, at: probe.path("timeout")) { result.timeout = timeout }
        return result
    }

    private mutating func readEjection(_ value: ConfigValue, at path: String) -> EjectionPolicy? {
        guard let eject = mapping(value, at: path, allowedKeys: ["failures", "cooldown"]) else { return nil }
        var result = EjectionPolicy()
        if let value = eject["failures"], let count = positiveInteger(value, at: eject.path("failures")) {
            result.consecutiveFailures = count
        }
        if let value = eject["cooldown"], let cooldown = duration(value, at: eject.path("cooldown")) { result.cooldown = cooldown }
        return result
    }
}
