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
}
