import Foundation

/// Where a ``PostgresStore`` connects, read from a `postgres://` URL.
///
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?password_env=NAME&sslmode=disable|require]`.
/// With `password_env` the password is read from that environment variable, so it need not be
/// written in a configuration file. The password is never part of ``description``.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String
    /// Whether the connection must use TLS (`sslmode=require`); otherwise it is plain TCP.
    package var requiresTLS: Bool

    package init(host: String, port: Int = 5432, username: String, password: String?, database: String, requiresTLS: Bool = false) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.requiresTLS = requiresTLS
    }

    /// Reads a URL; `environment` is where `password_env` is looked up.
    package init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresLocationError) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
              let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else {
            throw PostgresLocationError("expected postgres://USER@HOST:PORT/DATABASE, got \(Self.redacting(text))")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresLocationError("\(Self.redacting(text)): the URL names no user (postgres://USER@HOST/DATABASE)")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw PostgresLocationError("\(Self.redacting(text)): the port must be from 1 to 65535, got \(port)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("\(Self.redacting(text)): the URL names no database (postgres://USER@HOST/DATABASE)")
        }
        var password = components.password
        var requiresTLS = false
        for item in components.queryItems ?? [] {
            switch item.name {
            case "password_env":
                guard let name = item.value, !name.isEmpty else {
                    throw PostgresLocationError("\(Self.redacting(text)): password_env needs a variable name")
                }
                guard let value = environment[name] else {
                    throw PostgresLocationError("\(Self.redacting(text)): the environment variable \(name) named by password_env is not set")
                }
                password = value
            case "sslmode":
                switch item.value {
                case "disable"?, "prefer"?: requiresTLS = false
                case "require"?: requiresTLS = true
                default: throw PostgresLocationError("\(Self.redacting(text)): sslmode must be disable, prefer or require")
                }
            default:
                throw PostgresLocationError("\(Self.redacting(text)): unknown parameter \(item.name) (password_env and sslmode are known)")
            }
        }
        self.init(
            host: host, port: components.port ?? 5432, username: user, password: password, database: database, requiresTLS: requiresTLS)
    }

    /// The location without its password, for logs and errors.
    package var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }

    /// `text` with any password in its user part replaced, so an error can quote the URL.
    package static func redacting(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let userPart = text[scheme.upperBound..<at]
        guard let colon = userPart.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// A `postgres://` URL that cannot be used, in words that never include its password.
package struct PostgresLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
