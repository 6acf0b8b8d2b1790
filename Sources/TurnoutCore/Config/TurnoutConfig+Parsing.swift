extension TurnoutConfig {
    /// Top-level keys a configuration may have.
    static let keys = ["listen", "admin", "store", "max_body", "shutdown_grace", "flags", "ofrep", "limits", "models"]

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
        if let value = root["flags"] { config.flagFiles = readFlagFiles(value) }
        if let value = root["ofrep"], let ofrep = mapping(value, at: "ofrep", allowedKeys: ["token_env"]) {
            config.ofrepTokenEnv = ofrep["token_env"].flatMap { string($0, at: "ofrep.token_env") }
        }
        if let value = root["limits"], let limits = readLimits(value, at: "limits", defaults: .dataPlane, allowedKeys: ListenerLimits.dataPlaneKeys) { config.limits = limits }
        config.models = readModels(root["models"])
        for model in config.models where config.flagFiles.isEmpty {
            if case .flag = model.release {
                report("models.\(model.name).release.flag", "a flag release needs flag files: add flags: [FILE] at the top level")
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
        guard let admin = mapping(value, at: "admin", allowedKeys: ["listen", "token_env", "limits"]) else { return nil }
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

    private mutating func readFlagFiles(_ value: ConfigValue) -> [String] {
        switch value {
        case .string(let path): return [path]
        case .array(let items):
            return items.enumerated().compactMap { index, item in string(item, at: "flags[\(index)]") }
        default:
            report("flags", "expected a file path or a list of them, got \(value.kindDescription)")
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
