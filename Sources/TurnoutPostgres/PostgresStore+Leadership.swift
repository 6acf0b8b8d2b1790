import Atomics
import Foundation
import PostgresNIO
import TurnoutStore

extension PostgresStore: ReplicaCoordinator {
    /// The session-level advisory lock only the leader holds. The server releases it when the
    /// leader's connection ends, whether the process exited, crashed or lost the network.
    static let leaderLockKey: Int64 = 0x7475_726E_6F75_7402

    /// How often a replica tries for the lock and writes its heartbeat.
    static let heartbeatPeriod: Duration = .seconds(1)

    /// Holds a connection of its own for the lock: tries for it every heartbeat until it is
    /// granted, then keeps the connection busy with heartbeats. A heartbeat that fails or takes
    /// longer than two periods ends the leadership at once (the server will release the lock).
    package func coordinate(as replica: ReplicaRecord, leadershipChanged: @escaping @Sendable (Bool) async -> Void) async throws {
        let connection = try await connectForItsOwn(id: 1)
        var leading = false
        var leaderSince: Date?
        do {
            // The server notices a silent peer within about six seconds rather than hours, and frees its lock.
            try await connection.query("SET tcp_keepalives_idle = 3", logger: logger)
            try await connection.query("SET tcp_keepalives_interval = 1", logger: logger)
            try await connection.query("SET tcp_keepalives_count = 3", logger: logger)
            while !Task.isCancelled {
                if !leading {
                    leading = try await withDeadline(Self.heartbeatPeriod * 2, closing: connection) {
                        var granted = false
                        for try await value in try await connection.query(
                            "SELECT pg_try_advisory_lock(\(Self.leaderLockKey))", logger: self.logger
                        ).decode(Bool.self) { granted = value }
                        return granted
                    }
                    if leading {
                        leaderSince = Date()
                        await leadershipChanged(true)
                    }
                }
                let since = leaderSince
                try await withDeadline(Self.heartbeatPeriod * 2, closing: connection) {
                    try await self.heartbeat(replica, leaderSince: since, on: connection)
                }
                try await Task.sleep(for: Self.heartbeatPeriod)
            }
        } catch {
            if leading { await leadershipChanged(false) }
            try? await connection.close()
            if Task.isCancelled { return }
            throw PostgresStoreError(location: location, underlying: error)
        }
        if leading { await leadershipChanged(false) }
        try? await connection.close()
    }

    /// Writes this replica's heartbeat, with since when it leads (this lock, not an earlier one);
    /// the leader also clears the mark of any earlier leader.
    private func heartbeat(_ replica: ReplicaRecord, leaderSince: Date?, on connection: PostgresConnection) async throws {
        let since = leaderSince.map(StoreTime.micros)
        try await connection.query("""
            INSERT INTO turnout_replica (id, name, started_at, heartbeat_at, leader_since)
            VALUES (\(replica.id), \(replica.name), \(StoreTime.micros(replica.startedAt)), \(StoreTime.micros(Date())), \(since))
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, leader_since = excluded.leader_since
            """, logger: logger)
        if since != nil {
            try await connection.query(
                "UPDATE turnout_replica SET leader_since = NULL WHERE id <> \(replica.id) AND leader_since IS NOT NULL", logger: logger)
        }
    }

    /// The replicas heard from within `freshness` seconds, leader first, then by start.
    package func replicas(heardWithin freshness: TimeInterval) async throws -> [ReplicaRecord] {
        let cutoff = StoreTime.micros(Date().addingTimeInterval(-freshness))
        let rows = try await client.query("""
            SELECT id, name, started_at, heartbeat_at, leader_since FROM turnout_replica WHERE heartbeat_at >= \(cutoff)
            ORDER BY leader_since IS NULL, started_at, id
            """, logger: logger)
        var replicas: [ReplicaRecord] = []
        for try await (id, name, started, heartbeat, leaderSince) in rows.decode((String, String, Int64, Int64, Int64?).self) {
            replicas.append(ReplicaRecord(
                id: id, name: name, startedAt: StoreTime.date(micros: started), heartbeatAt: StoreTime.date(micros: heartbeat),
                leaderSince: leaderSince.map(StoreTime.date(micros:))
            ))
        }
        return replicas
    }
}

/// Runs `body`, failing with `timeout` (``LeadershipTimeout`` unless given) when it takes longer than `limit`.
///
/// A query on a connection the server has ended can wait for ever, and closing the connection
/// does not always end it, so `body` runs in a task of its own that is abandoned on time-out
/// (after closing `connection`) rather than waited for: the caller is never held longer than
/// `limit`, stopping included.
func withDeadline<T: Sendable>(
    _ limit: Duration, closing connection: PostgresConnection, timeout: any Error = LeadershipTimeout(),
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let settled = ManagedAtomic(false)
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let timer = Task {
            try? await Task.sleep(for: limit)
            guard settled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
            continuation.resume(throwing: timeout)
            try? await connection.close()
        }
        Task {
            let result: Result<T, any Error>
            do {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            guard settled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
            timer.cancel()
            continuation.resume(with: result)
        }
    }
}

/// A leadership query that did not answer in time: the connection is treated as lost.
struct LeadershipTimeout: Error, CustomStringConvertible {
    var description: String { "the database did not answer the leadership heartbeat in time" }
}
