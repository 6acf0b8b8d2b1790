import Foundation

/// A shared store through which replicas elect the one leader that runs the release controllers.
package protocol ReplicaCoordinator: Sendable {
    /// Takes part in the election as `replica` until the calling task is cancelled: calls
    /// `leadershipChanged(true)` once this replica leads and `leadershipChanged(false)` as soon
    /// as it may no longer (its connection failed), and keeps its heartbeat in the replicas table.
    ///
    /// Returns or throws when its connection breaks, after reporting `false`; the caller starts
    /// it again.
    func coordinate(as replica: ReplicaRecord, leadershipChanged: @escaping @Sendable (Bool) async -> Void) async throws

    /// The replicas that sent a heartbeat within `freshness`, leader first.
    func replicas(heardWithin freshness: TimeInterval) async throws -> [ReplicaRecord]
}
