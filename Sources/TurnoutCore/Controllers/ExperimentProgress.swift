/// What an A/B test's or a bandit's controller remembers between ticks.
///
/// Kept in memory only (the experiment controllers never ask to save it): after a restart the
/// first tick looks at once. Codable like the other controllers' progress, keys snake_case. The conclusion is not in here: it is stored with the release, and only
/// once ``ReleaseLifecycle/conclude(_:actor:now:reason:)`` accepted it, so the controller reads
/// it as an input rather than keeping a copy that could disagree with the store.
package struct ExperimentProgress: Sendable, Equatable, Codable {
    /// When the controller last asked for the evidence (Unix seconds); `nil` before the first look.
    package var lastLookAt: Double?

    /// Creates a progress; a fresh one has never looked.
    package init(lastLookAt: Double? = nil) {
        self.lastLookAt = lastLookAt
    }

    enum CodingKeys: String, CodingKey {
        case lastLookAt = "last_look_at"
    }

    /// Whether `interval` seconds have passed since the last look.
    package func isLookDue(every interval: Double, now: Double) -> Bool {
        now - (lastLookAt ?? 0) >= interval
    }
}
