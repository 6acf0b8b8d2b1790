import TurnoutCore

/// Builds routing snapshots from configuration, keeping the instances (and so their health and
/// pooled connections) of upstreams that stay the same from one snapshot to the next.
struct SnapshotBuilder {
    private var instances: [InstanceKey: UpstreamInstance] = [:]

    private struct InstanceKey: Hashable {
        let url: UpstreamURL
        let consecutiveFailures: Int
        let cooldown: Duration
    }

    mutating func build(_ config: TurnoutConfig) -> GatewaySnapshot {
        var models: [String: ModelRuntime] = [:]
        var kept: [InstanceKey: UpstreamInstance] = [:]
        for model in config.models {
            var versions: [String: VersionRuntime] = [:]
            for version in model.versions {
                versions[version.name] = VersionRuntime(
                    model: model,
                    version: version,
                    backend: backend(of: version, keeping: &kept)
                )
            }
            let policy = model.release.makePolicy(salt: model.salt)
            models[model.name] = ModelRuntime(config: model, policy: policy, versions: versions)
        }
        instances = kept
        return GatewaySnapshot(models: models, maxBodyBytes: config.maxBodyBytes)
    }

    private func backend(
        of version: VersionConfig,
        keeping kept: inout [InstanceKey: UpstreamInstance]
    ) -> VersionRuntime.Backend {
        switch version.backend {
        case .upstream(let upstream):
            let members = upstream.instances.map { url in
                let key = InstanceKey(
                    url: url,
                    consecutiveFailures: upstream.ejection.consecutiveFailures,
                    cooldown: upstream.ejection.cooldown
                )
                let instance = kept[key] ?? instances[key] ?? UpstreamInstance(url: url, ejection: upstream.ejection)
                kept[key] = instance
                return instance
            }
            return .upstream(UpstreamGroup(config: upstream, instances: members))
        case .builtin:
            preconditionFailure("builtin models are refused before a snapshot is built")
        }
    }
}
