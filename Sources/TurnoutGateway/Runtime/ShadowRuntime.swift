import TurnoutCore

/// A model's shadow release as the data plane needs it: which requests are mirrored, where to,
/// and within which limits.
final class ShadowRuntime: Sendable {
    let spec: ShadowSpec
    /// The shadow versions' runtimes, in the order the release lists them.
    let versions: [VersionRuntime]

    init(spec: ShadowSpec, versions: [VersionRuntime]) {
        self.spec = spec
        self.versions = versions
    }
}
