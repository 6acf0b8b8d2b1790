/// Whether a shadow version meets its thresholds, with one plain reason per criterion that
/// failed or could not be checked yet.
public struct ShadowVerdict: Sendable, Equatable, Codable {
    /// True when every configured criterion is met; `reasons` is then empty.
    public var ready: Bool
    /// One sentence per failed or unavailable criterion, in the order of ``ShadowThresholds``.
    public var reasons: [String]

    /// Creates a verdict; it is ready exactly when there are no reasons.
    public init(reasons: [String]) {
        self.ready = reasons.isEmpty
        self.reasons = reasons
    }
}
