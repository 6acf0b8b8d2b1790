import NIOCore
import TurnoutCore

/// One model as the data plane sees it: its release policy and its versions.
final class ModelRuntime: Sendable {
    let config: ModelConfig
    let policy: any RoutingPolicy
    let versions: [String: VersionRuntime]
    /// Where requests are mirrored, while the model is in a shadow release.
    let shadow: ShadowRuntime?
    /// How long a request may wait for the routed version to get a ready instance, while a
    /// release leaves a gap (recreate); without one, such a request fails at once.
    let hold: TimeAmount?

    init(
        config: ModelConfig, policy: any RoutingPolicy, versions: [String: VersionRuntime], shadow: ShadowRuntime? = nil, hold: TimeAmount? = nil
    ) {
        self.config = config
        self.policy = policy
        self.versions = versions
        self.shadow = shadow
        self.hold = hold
    }

    /// Whether routing needs the request body: the unit key is an Open Inference Protocol
    /// parameter, or the policy reads request attributes (which include the parameters).
    var decisionNeedsBody: Bool {
        if case .parameter = config.unit { return true }
        return policy.needsBodyAttributes
    }
}
