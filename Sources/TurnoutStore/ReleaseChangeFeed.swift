/// A store that other processes write to as well (several gateway replicas on one database),
/// and that can say when any of them saved a release.
package protocol ReleaseChangeFeed: Sendable {
    /// Calls `onChange` with the model's name after each release saved through any store on the
    /// same database, this one included, until the calling task is cancelled.
    ///
    /// Returns or throws when the feed breaks (its connection was lost); the caller starts it
    /// again. Changes made while no feed was running are not replayed: read the releases again.
    func followReleaseChanges(_ onChange: @escaping @Sendable (String) async -> Void) async throws
}
