extension VersionConfig {
    static let keys = ["upstream", "builtin", "model", "timeouts", "probe", "eject", "max_connections", "idle_timeout"]
}

extension ConfigReader {
    mutating func readVersion(named name: String, _ value: ConfigValue, at path: String) -> VersionConfig? {
        guard let version = mapping(value, at: path, allowedKeys: VersionConfig.keys) else { return nil }
        switch (version["upstream"], version["builtin"]) {
        case (let upstream?, nil):
            return readUpstream(upstream, in: version).map { VersionConfig(name: name, backend: .upstream($0)) }
        case (nil, let builtin?):
            for key in ["model", "timeouts", "probe", "eject", "max_connections", "idle_timeout"] where version[key] != nil {
                report(version.path(key), "only applies to upstream versions")
            }
            guard let file = string(builtin, at: version.path("builtin")) else { return nil }
            return VersionConfig(name: name, backend: .builtin(path: file))
        case (.some, .some):
            report(path, "give either upstream or builtin, not both")
            return nil
        case (nil, nil):
            report(path, "missing backend: give upstream (a list of http:// URLs) or builtin (a model file)")
            return nil
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
        if let value = version["model"] { config.modelName = string(value, at: version.path("model")) }
        if let value = version["timeouts"], let timeouts = readTimeouts(value, at: version.path("timeouts")) {
            config.timeouts = timeouts
        }
        if let value = version["probe"] { config.probe = readProbe(value, at: version.path("probe")) }
        if let value = version["eject"], let ejection = readEjection(value, at: version.path("eject")) {
            config.ejection = ejection
        }
        if let value = version["max_connections"], let limit = positiveInteger(value, at: version.path("max_connections")) {
            config.maxConnectionsPerLoop = limit
        }
        if let value = version["idle_timeout"], let idle = duration(value, at: version.path("idle_timeout")) {
            config.idleTimeout = idle
        }
        return instances.isEmpty ? nil : config
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
