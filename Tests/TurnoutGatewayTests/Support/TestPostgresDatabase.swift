import Foundation
import Logging
import Testing
import TurnoutPostgres

/// A new database on the test PostgreSQL server (`TURNOUT_TEST_POSTGRES_URL`, started by
/// scripts/start_test_postgres), dropped when the test is done.
///
/// Tests that need one are skipped outside CI when no server is given, and fail under CI.
struct TestPostgresDatabase {
    static let urlVariable = "TURNOUT_TEST_POSTGRES_URL"
    static var serverURL: String? { ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 } }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }
    /// Whether the PostgreSQL tests run (a server was given, or this is CI, where one must be).
    static var isRequested: Bool { serverURL != nil || isCI }
    static let skipMessage: Comment = """
        TURNOUT_TEST_POSTGRES_URL is not set: the PostgreSQL replica tests are skipped. \
        Start a throwaway server with eval "$(scripts/start_test_postgres)" to run them.
        """

    /// The `store:` URL of the new database.
    let url: String
    private let server: PostgresLocation
    private let name: String

    static func with<T>(_ body: (TestPostgresDatabase) async throws -> T) async throws -> T {
        guard let serverURL else {
            throw TestPostgresServerMissing()
        }
        let server = try PostgresLocation(url: serverURL)
        let name = "turnout_gw_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await administer(server, "CREATE DATABASE \(name)")
        let database = TestPostgresDatabase(
            url: "postgres://\(server.username)@\(server.host):\(server.port)/\(name)?password_env=TURNOUT_TEST_PG_PASSWORD",
            server: server, name: name)
        do {
            let result = try await body(database)
            try? await administer(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            return result
        } catch {
            try? await administer(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    /// What the gateway's environment must hold for ``url``'s `password_env`.
    var environment: [String: String] { ["TURNOUT_TEST_PG_PASSWORD": server.password ?? ""] }

    /// Runs `body` with a store on this database, to check what the gateways wrote.
    func withStore<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        var location = server
        location.database = name
        var logger = Logger(label: "turnout.tests.postgres")
        logger.logLevel = .critical
        let store = try await PostgresStore(location: location, options: .init(maximumConnections: 2), logger: logger)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Makes the database unreachable for the gateways, as a database server that went away:
    /// new connections are refused and the open ones are ended.
    func cutOff() async throws {
        try await Self.administer(server, "ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
        try await Self.administer(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
    }

    /// Lets the gateways connect again after ``cutOff()``.
    func reconnect() async throws {
        try await Self.administer(server, "ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
    }

    /// Runs one statement on this database.
    func execute(_ sql: String) async throws {
        var location = server
        location.database = name
        try await Self.administer(location, sql)
    }

    private static func administer(_ location: PostgresLocation, _ sql: String) async throws {
        var logger = Logger(label: "turnout.tests.postgres")
        logger.logLevel = .critical
        try await PostgresStatement.execute(sql, at: location, logger: logger)
    }
}

struct TestPostgresServerMissing: Error, CustomStringConvertible {
    var description: String { "CI is set but TURNOUT_TEST_POSTGRES_URL is not: .ci/run must start the test server (scripts/start_test_postgres)" }
}
