import Foundation
import Logging
import NIOSSL
import PostgresNIO
import TurnoutStore

/// The ``Store`` on a PostgreSQL database, which several gateway replicas can share.
///
/// Every write method is one transaction, committed before it returns. Writes that several
/// replicas may make at once are made safe by the database, not by this process: aggregates are
/// added in place (`count = count + …`), a reward locks its decision row, and a release is saved
/// only where its revision still matches, in one statement.
package final class PostgresStore: Store {
    /// How long the store's aggregate intervals are.
    package struct Options: Sendable, Equatable {
        /// Length of one aggregate interval, in whole seconds (at least 1).
        package var aggregateIntervalSeconds: Int64
        /// How many connections one replica keeps open at most.
        package var maximumConnections: Int
        /// The last migration to apply, or nil for all: a database of an earlier schema, to test
        /// the upgrade from it.
        package var schemaUpTo: String?

        /// Creates options: one-minute intervals, at most ten connections.
        package init(aggregateIntervalSeconds: Int64 = 60, maximumConnections: Int = 10) {
            self.aggregateIntervalSeconds = max(1, aggregateIntervalSeconds)
            self.maximumConnections = max(2, maximumConnections)
            self.schemaUpTo = nil
        }
    }

    /// How long one batch of the gateway's observations or rewards may take to commit.
    ///
    /// Only for a connection the server ended, which PostgresNIO may never fail; the gateway
    /// counts the store as failing after 5 s anyway. Generous, because a live write cut off after
    /// its commit would be written again: under the test suite's load (880 tests on two cores) a
    /// live batch once took more than 30 s.
    static let writeLimit = Duration.seconds(120)

    /// The notification channel a saved release is announced on, with the model as payload.
    package static let releaseChannel = "turnout_release"

    let client: PostgresClient
    let options: Options
    let location: PostgresLocation
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Connects to `location` and brings its schema up to date (once, even when several
    /// replicas start together).
    package init(location: PostgresLocation, options: Options = Options(), logger: Logger = Logger(label: "turnout.postgres")) async throws {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password,
            database: location.database, tls: location.requiresTLS ? .require(.makeClientConfiguration()) : .disable
        )
        configuration.options.maximumConnections = options.maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.options = options
        self.location = location
        self.logger = logger
        self.runner = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            runner.cancel()
            await runner.value
            throw PostgresStoreError(location: location, underlying: error)
        }
    }

    /// Closes every connection; the store must not be used afterwards.
    package func close() async {
        runner.cancel()
        await runner.value
    }

    /// Runs `body` in one transaction, once more when the database chose it as the victim of a
    /// deadlock or a serialization failure (both roll back everything, so a retry is safe).
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch let error as PostgresTransactionError {
                // The body's own error (a revision conflict, say) goes to the caller as it was thrown.
                let cause = error.closureError ?? error.commitError ?? error.beginError ?? error
                if attempt < 4, Self.isRetryable(cause) { continue }
                throw cause
            }
        }
    }

    /// Like ``transaction(_:)``, but the transaction, its `BEGIN` and `COMMIT` included, fails
    /// with ``PostgresWriteTimeout`` after `limit`, its connection closed.
    ///
    /// For the gateway's batched writes: a query on a connection the server has ended can wait
    /// for ever (PostgresNIO does not always fail it), and the writer waiting on it would hold
    /// every later decision, reward and the shutdown. The limit is far above any answer a live
    /// server gives, so a transaction cut off by it has in practice not committed.
    func transaction<Result: Sendable>(
        within limit: Duration, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { connection in
                    try await withDeadline(limit, closing: connection, timeout: PostgresWriteTimeout(limit: limit)) { [logger] in
                        try await connection.withTransaction(logger: logger) { connection in try await body(connection) }
                    }
                }
            } catch let error as PostgresTransactionError {
                let cause = error.closureError ?? error.commitError ?? error.beginError ?? error
                if attempt < 4, Self.isRetryable(cause) { continue }
                throw cause
            }
        }
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let code = error.serverInfo?[.sqlState] else { return false }
        return code == "40P01" || code == "40001"
    }
}

/// A write transaction that did not finish within its limit; its connection was closed.
package struct PostgresWriteTimeout: Error, CustomStringConvertible {
    package var limit: Duration
    package var description: String { "the database did not finish a write within \(limit); its connection was closed" }
}

/// A failure to reach or prepare the database, naming the database without its password.
package struct PostgresStoreError: Error, CustomStringConvertible {
    package var location: PostgresLocation
    package var underlying: any Error

    package var description: String {
        "PostgreSQL \(location): \(Self.summary(of: underlying))"
    }

    /// What went wrong in a line: the server's message when it sent one, else the error's code.
    static func summary(of error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            return summary(of: error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError ?? error)
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
    }
}
