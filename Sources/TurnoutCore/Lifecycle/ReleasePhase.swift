/// Where a release stands in its lifecycle.
///
/// Encoded as its lower-case name (`"progressing"`, `"paused"`, ...), which is also what the
/// admin API and the store show. See ``ReleaseLifecycle`` for the transitions between phases.
public enum ReleasePhase: String, Sendable, Codable, CaseIterable, Hashable {
    /// The release is moving through its steps; controllers may advance it.
    case progressing
    /// The release holds its current step until someone resumes, promotes or aborts it.
    case paused
    /// The new version has all the traffic; post-promotion checks may still run and the
    /// previous stable version is kept ready for a rollback.
    case promoted
    /// The release was stopped; traffic is back on the previous stable version.
    case aborted
    /// The release is finished; the new version is the stable one.
    case completed
}
