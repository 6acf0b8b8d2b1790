import TurnoutStore

/// What the admin API reads and steers.
struct AdminServices: Sendable {
    let shared: DataPlaneShared
    let controller: ReleaseController
    let publisher: SnapshotPublisher
    /// `nil` with `store: none`.
    let writer: StoreWriter?
    /// `nil` with `store: none`.
    let store: (any Store)?
    /// The replicas on a shared store; `nil` for a gateway alone on its store.
    var replicas: ReplicaView? = nil
    /// Samples of the statistics kept only as "now", for charts over time.
    var history = StatisticHistory()
}
