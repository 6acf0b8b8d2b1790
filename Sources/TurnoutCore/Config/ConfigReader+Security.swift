extension TurnoutConfig {
    /// Top-level keys of the security settings: data-plane TLS and feedback tokens.
    static let securityKeys = ["tls", "feedback"]
}

extension AdminConfig {
    /// Keys of `admin` for its TLS and for serving without a token.
    static let securityKeys = ["tls", "allow_unauthenticated"]
}

extension ConfigReader {
    /// Reads `tls:` and `feedback:` from the top level.
    mutating func readSecurity(_ root: ConfigMapping, into config: inout TurnoutConfig) {
        if let value = root["tls"] { config.tls = tlsFiles(value, at: "tls", allowsClientCA: false) }
        if let value = root["feedback"], let feedback = mapping(value, at: "feedback", allowedKeys: ["token_secret_env"]),
            let name = feedback["token_secret_env"]
        {
            config.feedbackTokenSecretEnv = environmentName(name, at: "feedback.token_secret_env")
        }
    }

    /// Reads `admin.tls` and `admin.allow_unauthenticated`.
    mutating func readAdminSecurity(_ admin: ConfigMapping, into config: inout AdminConfig) {
        if let value = admin["tls"] { config.tls = tlsFiles(value, at: "admin.tls", allowsClientCA: true) }
        if let value = admin["allow_unauthenticated"], let allowed = bool(value, at: "admin.allow_unauthenticated") {
            config.allowUnauthenticated = allowed
        }
    }

    /// `{cert: FILE, key: FILE}`, with `client_ca: FILE` where mutual TLS is offered; `null` means no TLS.
    private mutating func tlsFiles(_ value: ConfigValue, at path: String, allowsClientCA: Bool) -> TLSFiles? {
        if case .null = value { return nil }
        let keys = ["cert", "key"] + (allowsClientCA ? ["client_ca"] : [])
        guard let tls = mapping(value, at: path, allowedKeys: keys) else { return nil }
        let cert = filePath(tls["cert"], at: tls.path("cert"))
        let key = filePath(tls["key"], at: tls.path("key"))
        let clientCA = tls["client_ca"].flatMap { filePath($0, at: tls.path("client_ca")) }
        guard let cert, let key else { return nil }
        return TLSFiles(cert: cert, key: key, clientCA: clientCA)
    }

    private mutating func filePath(_ value: ConfigValue?, at path: String) -> String? {
        guard let value else {
            report(path, "missing: expected the path of a PEM file")
            return nil
        }
        guard let text = string(value, at: path) else { return nil }
        guard !text.isEmpty else {
            report(path, "expected the path of a PEM file, got an empty string")
            return nil
        }
        return text
    }

    /// The name of an environment variable; `null` turns the setting off.
    private mutating func environmentName(_ value: ConfigValue, at path: String) -> String? {
        if case .null = value { return nil }
        guard let name = string(value, at: path) else { return nil }
        guard !name.isEmpty, !name.contains("="), !name.contains("\0") else {
            report(path, "expected the name of an environment variable, got \(Self.show(value))")
            return nil
        }
        return name
    }
}
