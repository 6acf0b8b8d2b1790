extension TurnoutConfig {
    /// Top-level keys a configuration may have.
    static let keys = ["listen", "admin", "store", "max_body", "shutdown_grace", "flags", "ofrep", "limits", "models"] + securityKeys

    /// Parses and validates a YAML configuration, reporting every problem found.
    public static func parse(yaml: String) throws(ConfigError) -> TurnoutConfig {
        try parse(ConfigValue.parse(yaml: yaml))
    }

    /// Validates a configuration tree, reporting every problem found.
    public static func parse(_ document: ConfigValue) throws(ConfigError) -> TurnoutConfig {
        var reader = ConfigReader()
        let config = reader.readConfig(document)
        if let config, reader.issues.isEmpty { return config }
        throw ConfigError(reader.issues)
    }
}

extension ConfigReader {
    mutating func readConfig(_ document: ConfigValue) -> TurnoutConfig? {
        guard let root = mapping(document, at: "", allowedKeys: TurnoutConfig.keys) else { return nil }
        var config = TurnoutConfig(models: [])
        if let value = root["listen"], let address = listenAddress(value, at: "listen") { config.listen = address }
        if let value = root["admin"], let admin = readAdmin(value, defaults: config.admin) { config.admin = admin }
        if let value = root["store"], let store = readStore(value) { config.store = store }
        if let value = root["max_body"], let size = byteSize(value, at: "max_body") { config.maxBodyBytes = size }
        if let value = root["shutdown_grace"], let grace = duration(value, at: "shutdown_grace") { config.shutdownGrace = grace }
        if let value = root["flags"] { readFlags(value, into: &config) }
        if let value = root["ofrep"], let ofrep = mapping(value, at: "ofrep", allowedKeys: ["token_env"]) {
            config.ofrepTokenEnv = ofrep["token_env"].flatMap { string($0, at: "ofrep.token_env") }
        }
        readSecurity(root, into: &config)
        if let value = root["limits"], let limits = readLimits(value, at: "limits", defaults: .dataPlane, allowedKeys: ListenerLimits.dataPlaneKeys) { config.limits = limits }
        config.models = readModels(root["models"])
        checkSharedUpstreams(config.models)
        for model in config.models {
            for issue in model.release.configurationIssues(in: config, at: "models.\(model.name).release") {
                report(issue.path, issue.message)
            }
        }
        if config.admin.listen == config.listen && config.listen.port != 0 {
            report("admin.listen", "must differ from listen (\(config.listen))")
        }
        return config
    }

    mutating func listenAddress(_ value: ConfigValue, at path: String) -> ListenAddress? {
        guard let text = string(value, at: path) else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            report(path, "expected HOST:PORT with a port from 0 to 65535, got \"\(text)\"")
            return nil
        }
        return address
    }

    private mutating func readAdmin(_ value: ConfigValue, defaults: AdminConfig) -> AdminConfig? {
        guard let admin = mapping(value, at: "admin", allowedKeys: ["listen", "token_env", "limits"] + AdminConfig.securityKeys) else { return nil }
        var result = defaults
        if let value = admin["listen"], let address = listenAddress(value, at: "admin.listen") { result.listen = address }
        if let value = admin["limits"], let limits = readLimits(value, at: "admin.limits", defaults: .admin, allowedKeys: ListenerLimits.adminKeys) { result.limits = limits }
        if let value = admin["token_env"] {
            if case .null = value {
                result.tokenEnv = nil
            } else if let name = string(value, at: "admin.token_env") {
                result.tokenEnv = name
            }
        }
        readAdminSecurity(admin, into: &result)
        return result
    }

    private mutating func readStore(_ value: ConfigValue) -> String? {
        guard let text = string(value, at: "store") else { return nil }
        guard StoreLocation(parsing: text) != nil else {
            report("store", "expected sqlite:PATH, postgres://USER@HOST:PORT/DB or none, got \"\(text)\"")
            return nil
        }
        return text
    }

    /// `flags: FILE`, `flags: [FILE, ...]`, or `flags: {files: FILE or [FILE, ...], fractional: v2 | v3}`.
    private mutating func readFlags(_ value: ConfigValue, into config: inout TurnoutConfig) {
        guard case .mapping = value else {
            config.flagFiles = readFlagFiles(value, at: "flags")
            return
        }
        guard let flags = mapping(value, at: "flags", allowedKeys: ["files", "fractional"]) else { return }
        if let files = flags["files"] {
            config.flagFiles = readFlagFiles(files, at: "flags.files")
        } else {
            report("flags.files", "missing: the flag files in flagd's format, a path or a list of them")
        }
        if let value = flags["fractional"], let hashing = string(value, at: "flags.fractional") {
            if TurnoutConfig.fractionalHashings.contains(hashing) {
                config.flagsFractionalHashing = hashing
            } else {
                report("flags.fractional", "expected v2 (flagd's current hashing) or v3 (CBOR, flagd-core 2.x), got \"\(hashing)\"")
            }
        }
    }

    private mutating func readFlagFiles(_ value: ConfigValue, at path: String) -> [String] {
        switch value {
        case .string(let path): return [path]
        case .array(let items):
            return items.enumerated().compactMap { index, item in string(item, at: "\(path)[\(index)]") }
        default:
            report(path, "expected a file path or a list of them, got \(value.kindDescription)")
            return []
        }
    }

    private mutating func readModels(_ value: ConfigValue?) -> [ModelConfig] {
        guard let value else {
            report("models", "missing: at least one model is needed")
            return []
        }
        guard let models = namedMapping(value, at: "models") else { return [] }
        if models.entries.isEmpty { report("models", "expected at least one model") }
        return models.entries.compactMap { entry in
            readModel(named: entry.key, entry.value, at: models.path(entry.key))
        }
    }
}
