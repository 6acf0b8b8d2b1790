import TurnoutCore

extension Gateway {
    /// The problems with `config`'s TLS files (unreadable, not PEM, a key that does not match its
    /// certificate), one line each, for `turnout validate`. Paths must already be resolved.
    package static func tlsProblems(in config: TurnoutConfig) -> [String] {
        let listeners: [(label: String, files: TLSFiles?)] = [("tls", config.tls), ("admin.tls", config.admin.tls)]
        return listeners.compactMap { label, files -> String? in
            guard let files else { return nil }
            do throws(GatewayError) {
                _ = try TLSContextSource.makeContext(files, label: label)
                return nil
            } catch {
                return error.description
            }
        }
    }
}
