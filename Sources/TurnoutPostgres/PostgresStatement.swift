import Logging
import PostgresNIO

/// One statement on a connection of its own, outside any transaction: what `CREATE DATABASE`
/// and `DROP DATABASE` need (the tests make a database for each test this way).
package enum PostgresStatement {
    package static func execute(_ sql: String, at location: PostgresLocation, logger: Logger) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: location.host, port: location.port, username: location.username, password: location.password,
                database: location.database, tls: .disable),
            id: 3, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
