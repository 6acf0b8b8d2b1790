import Foundation
import TurnoutAdminAPI

extension AdminFormat {
    /// The replicas sharing the store: one row each, the leader marked with since when it leads,
    /// and how long ago each was last heard from (as of `now`, seconds since 1970).
    package static func replicas(_ replicas: [ReplicaAnswer], now: Double) -> String {
        var table = TextTable([.init("REPLICA"), .init("ROLE"), .init("SINCE"), .init("HEARD", .right)])
        for replica in replicas {
            let name = replica.isSelf ? "\(replica.name) (answered)" : replica.name
            let role = replica.leaderSince == nil ? "follower" : "leader"
            let since = Date(timeIntervalSince1970: replica.leaderSince ?? replica.startedAt).ISO8601Format()
            let heard = String(format: "%.0f s ago", max(0, now - replica.heartbeatAt))
            table.append([name, role, since, heard])
        }
        return table.render()
    }
}
