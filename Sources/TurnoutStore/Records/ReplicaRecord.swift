import Foundation

/// One gateway replica on a shared store, as the replicas table shows it.
package struct ReplicaRecord: Sendable, Equatable {
    /// Unique per process run.
    package var id: String
    /// Where the replica is, for people: host name and admin address.
    package var name: String
    package var startedAt: Date
    /// When the replica last said it was alive.
    package var heartbeatAt: Date
    /// Since when it leads, or `nil` when it does not.
    package var leaderSince: Date?

    package init(id: String, name: String, startedAt: Date, heartbeatAt: Date, leaderSince: Date? = nil) {
        self.id = id
        self.name = name
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.leaderSince = leaderSince
    }
}
