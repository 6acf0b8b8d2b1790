import TurnoutCore
import TurnoutStats

/// A model's release as the controller keeps and persists it: the lifecycle state, the release
/// the configuration file last asked for, and what a controller learned along the way.
///
/// Remembering the file's release tells a restart apart from an edit: when the file still asks
/// for the same release, whatever the API did since (a promotion, a `PUT`) stands; when the file
/// asks for another one, the file's release starts.
struct ManagedRelease: Sendable, Equatable, Codable {
    var state: ReleaseState
    var configSpec: ReleaseSpec
    /// When the release started (Unix seconds): an A/B test's evidence counts from here.
    var startedAt: Double?
    /// An A/B test's conclusion, once it has one.
    var conclusion: ExperimentConclusion?
    /// When its model's `before_start` gate let it take traffic; `nil` while it may still be held.
    var startGateOpenedAt: Double?

    enum CodingKeys: String, CodingKey {
        case state, conclusion
        case configSpec = "config_spec"
        case startedAt = "started_at"
        case startGateOpenedAt = "start_gate_opened_at"
    }

    /// Whether a `before_start` gate may still hold it: it has not moved since it started, and
    /// no gate opened for it. Read from the stored release, so every replica and a restart agree.
    var mayAwaitStartGate: Bool {
        startGateOpenedAt == nil && startedAt == state.updatedAt
    }

    /// When the release's evidence starts.
    var evidenceStart: Double { startedAt ?? state.updatedAt }
}
