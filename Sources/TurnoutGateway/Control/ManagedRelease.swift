import TurnoutCore

/// A model's release as the controller keeps and persists it: the lifecycle state, and the
/// release the configuration file last asked for.
///
/// Remembering the file's release tells a restart apart from an edit: when the file still asks
/// for the same release, whatever the API did since (a promotion, a `PUT`) stands; when the file
/// asks for another one, the file's release starts.
struct ManagedRelease: Sendable, Equatable, Codable {
    var state: ReleaseState
    var configSpec: ReleaseSpec

    enum CodingKeys: String, CodingKey {
        case state
        case configSpec = "config_spec"
    }
}
