import Foundation
import TurnoutAdminAPI
import TurnoutStore

/// What the admin API shows of the replicas sharing this gateway's store.
struct ReplicaView: Sendable {
    let coordinator: any ReplicaCoordinator
    /// This replica.
    let replica: ReplicaRecord
    /// A replica not heard from for this long is left out (heartbeats come every second).
    var freshness: TimeInterval = 10

    /// The live replicas, leader first; `nil` when the store cannot be read.
    func answers() async -> [ReplicaAnswer]? {
        guard let replicas = try? await coordinator.replicas(heardWithin: freshness) else { return nil }
        return replicas.map { record in
            ReplicaAnswer(
                id: record.id, name: record.name, isSelf: record.id == replica.id, startedAt: record.startedAt.timeIntervalSince1970,
                heartbeatAt: record.heartbeatAt.timeIntervalSince1970, leaderSince: record.leaderSince?.timeIntervalSince1970)
        }
    }
}

extension ReplicaRecord {
    /// This process as a replica: a new id for each run, named by host and process id.
    static func starting(now: Date) -> ReplicaRecord {
        let id = UUID().uuidString.lowercased()
        let name = "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier) \(id.prefix(8))"
        return ReplicaRecord(id: id, name: name, startedAt: now, heartbeatAt: now)
    }
}
