import TurnoutCore

/// One model as the data plane sees it: its release policy and its versions.
final class ModelRuntime: Sendable {
    let config: ModelConfig
    let policy: any RoutingPolicy
    let versions: [String: VersionRuntime]

    init(config: ModelConfig, policy: any RoutingPolicy, versions: [String: VersionRuntime]) {
        self.config = config
        self.policy = policy
        self.versions = versions
    }

    /// Whether routing needs the request body: the unit key is an Open Inference Protocol
    /// parameter, or the policy reads request attributes (which include the parameters).
    var decisionNeedsBody: Bool {
        if case .parameter = config.unit { return true }
        return policy.needsAttributes
    }
}
