import Foundation
import TurnoutStore

/// A fresh directory holding a real SQLite file, removed when the test body returns.
struct TemporaryStore {
    let directory: URL

    var path: String { directory.appendingPathComponent("turnout.db").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("turnout-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open(intervalSeconds: Int64 = 60) throws -> SQLiteStore {
        try SQLiteStore(path: path, options: .init(aggregateIntervalSeconds: intervalSeconds, synchronous: .normal))
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a store opened on a new file, then closes it and deletes the directory.
    static func with<T>(intervalSeconds: Int64 = 60, _ body: (SQLiteStore, TemporaryStore) async throws -> T) async throws -> T {
        let temporary = try TemporaryStore()
        defer { temporary.remove() }
        let store = try temporary.open(intervalSeconds: intervalSeconds)
        defer { try? store.close() }
        return try await body(store, temporary)
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
