import Foundation
import TurnoutPostgres
import TurnoutStore

/// A store under test: either implementation, with what the conformance tests need beyond ``Store``.
protocol TestStore: Store {
    /// The schema migrations applied so far, oldest first.
    func appliedMigrations() async throws -> [String]
    /// Closes the store; it must not be used afterwards.
    func shutDown() async
}

extension SQLiteStore: TestStore {
    func shutDown() async { try? close() }
}

extension PostgresStore: TestStore {
    func shutDown() async { await close() }
}

/// A fresh, empty database of one kind (a new SQLite file in its own directory, or a new
/// database on the test PostgreSQL server), removed by ``remove()``.
struct TemporaryStore {
    let kind: StoreKind
    let directory: URL
    let postgres: PostgresLocation?

    /// The SQLite file's path.
    var path: String { directory.appendingPathComponent("turnout.db").path }

    /// A new SQLite file (the store tests that are about SQLite itself).
    init() throws {
        try self.init(kind: .sqlite, postgres: nil)
    }

    private init(kind: StoreKind, postgres: PostgresLocation?) throws {
        self.kind = kind
        self.postgres = postgres
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("turnout-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A new empty database of `kind`.
    static func make(_ kind: StoreKind) async throws -> TemporaryStore {
        switch kind {
        case .sqlite:
            return try TemporaryStore()
        case .postgres:
            return try TemporaryStore(kind: .postgres, postgres: try await TestPostgres.createDatabase())
        }
    }

    /// Opens a store on this database (a second call opens a second, independent store on it),
    /// its schema brought up to `schemaUpTo` (a migration's name) or, by default, up to date.
    func open(intervalSeconds: Int64 = 60, schemaUpTo: String? = nil) async throws -> any TestStore {
        if let postgres {
            var options = PostgresStore.Options(aggregateIntervalSeconds: intervalSeconds, maximumConnections: 4)
            options.schemaUpTo = schemaUpTo
            return try await PostgresStore(location: postgres, options: options, logger: TestPostgres.logger)
        }
        var options = SQLiteStore.Options(aggregateIntervalSeconds: intervalSeconds, synchronous: .normal)
        options.schemaUpTo = schemaUpTo
        return try SQLiteStore(path: path, options: options)
    }

    /// Deletes the database.
    func remove() async {
        try? FileManager.default.removeItem(at: directory)
        if let postgres { await TestPostgres.dropDatabase(postgres) }
    }

    /// Runs `body` with a store opened on a new database of `kind`, then closes it and deletes the database.
    static func with<T>(
        _ kind: StoreKind = .sqlite, intervalSeconds: Int64 = 60, _ body: (any TestStore, TemporaryStore) async throws -> T
    ) async throws -> T {
        let temporary = try await make(kind)
        do {
            let store = try await temporary.open(intervalSeconds: intervalSeconds)
            do {
                let result = try await body(store, temporary)
                await store.shutDown()
                await temporary.remove()
                return result
            } catch {
                await store.shutDown()
                throw error
            }
        } catch {
            await temporary.remove()
            throw error
        }
    }
}

/// Builders for test records; times are whole milliseconds so they survive microsecond storage.
enum Sample {
    static let base = Date(timeIntervalSince1970: 1_700_000_040.125)

    static func observation(
        _ requestID: String,
        model: String = "m",
        version: String = "v1",
        at time: Date = base,
        status: Int = 200,
        latencyMicros: Int64 = 1_500,
        errorKind: String? = nil,
        probability: Double = 0.9,
        payload: Bool = false
    ) -> Observation {
        Observation(
            decision: DecisionRecord(
                requestID: requestID, time: time, model: model, version: version,
                unitHash: UnitKeyHash.hash("user-\(requestID)"), reason: "sticky", probability: probability
            ),
            outcome: OutcomeRecord(requestID: requestID, status: status, latencyMicros: latencyMicros, errorKind: errorKind),
            payload: payload
                ? PayloadSample(requestID: requestID, request: Data("{\"in\":[1,2]}".utf8), response: Data([0, 255, 7]), truncated: true)
                : nil
        )
    }
}
