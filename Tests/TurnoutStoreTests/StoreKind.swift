import Foundation
import Logging
import Testing
import TurnoutPostgres

/// The store implementations the conformance suite runs against.
///
/// PostgreSQL takes part when `TURNOUT_TEST_POSTGRES_URL` names a server
/// (`eval "$(scripts/start_test_postgres)"` starts one), and always under CI, where a missing
/// server then fails the tests instead of skipping them.
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The kinds to test here.
    static var available: [StoreKind] {
        TestPostgres.isRequested ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// The PostgreSQL server of the tests: one new database per test, dropped afterwards.
enum TestPostgres {
    static let urlVariable = "TURNOUT_TEST_POSTGRES_URL"
    static let environment = ProcessInfo.processInfo.environment

    /// The server's URL, when one was given.
    static var url: String? { environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether PostgreSQL cases run: a server was given, or this is CI (where one must be).
    static var isRequested: Bool { url != nil || isCI }

    static var isCI: Bool { environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false }

    static let skipMessage: Comment = """
        TURNOUT_TEST_POSTGRES_URL is not set: the PostgreSQL cases of the store conformance suite are skipped. \
        Start a throwaway server with eval "$(scripts/start_test_postgres)" to run them.
        """

    static let logger: Logger = {
        var logger = Logger(label: "turnout.tests.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// The server's own location (its maintenance database).
    static func serverLocation() throws -> PostgresLocation {
        guard let url else {
            throw TestPostgresMissing(description: "CI is set but \(urlVariable) is not: .ci/run must start the test server (scripts/start_test_postgres)")
        }
        return try PostgresLocation(url: url)
    }

    /// Creates a new empty database and returns where it is.
    static func createDatabase() async throws -> PostgresLocation {
        var location = try serverLocation()
        let name = "turnout_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await administer(location, sql: "CREATE DATABASE \(name)")
        location.database = name
        return location
    }

    /// Drops a database made by ``createDatabase()``, closing what still uses it.
    static func dropDatabase(_ location: PostgresLocation) async {
        guard let server = try? serverLocation() else { return }
        try? await administer(server, sql: "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)")
    }

    /// Runs one statement on a connection of its own (CREATE DATABASE cannot run in a transaction).
    static func administer(_ location: PostgresLocation, sql: String) async throws {
        try await PostgresStatement.execute(sql, at: location, logger: logger)
    }
}

struct TestPostgresMissing: Error, CustomStringConvertible {
    var description: String
}

@Suite("Test PostgreSQL server")
struct TestPostgresServerTests {
    @Test("the PostgreSQL cases have a server (required under CI)", .enabled(if: TestPostgres.isRequested, TestPostgres.skipMessage))
    func serverAnswers() async throws {
        let server = try TestPostgres.serverLocation()
        try await TestPostgres.administer(server, sql: "SELECT 1")
    }
}
