import NIOSSL
import PostgresNIO
import TurnoutStore

extension PostgresStore: ReleaseChangeFeed {
    /// Listens on ``releaseChannel`` on a connection of its own (a pooled connection cannot
    /// stay subscribed), calling `onChange` for every notification until cancelled or until the
    /// connection fails.
    package func followReleaseChanges(_ onChange: @escaping @Sendable (String) async -> Void) async throws {
        let connection = try await connectForItsOwn(id: 0)
        do {
            try await connection.listen(on: Self.releaseChannel) { notifications in
                for try await notification in notifications {
                    await onChange(notification.payload)
                }
            }
        } catch {
            try? await connection.close()
            throw PostgresStoreError(location: location, underlying: error)
        }
        try? await connection.close()
    }

    /// A connection outside the pool (notifications, leadership); a failure to make it names
    /// the database and the server's reason, which PostgresNIO's own description leaves out.
    func connectForItsOwn(id: Int) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try connectionConfiguration(), id: id, logger: logger)
        } catch {
            throw PostgresStoreError(location: location, underlying: error)
        }
    }

    /// The settings of a connection outside the pool (notifications, leadership).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: location.requiresTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        )
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}
