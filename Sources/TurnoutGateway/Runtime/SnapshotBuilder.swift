import NIOCore
import TurnoutCore
import TurnoutFlags
import TurnoutStats

/// Builds routing snapshots from configuration, keeping the instances (and so their health and
/// pooled connections) of upstreams that stay the same from one snapshot to the next.
struct SnapshotBuilder {
    private var instances: [InstanceKey: UpstreamInstance] = [:]
    private var builtins: [String: BuiltinModel] = [:]

    private struct InstanceKey: Hashable {
        let url: UpstreamURL
        let consecutiveFailures: Int
        let cooldown: Duration
    }

    /// Builds a snapshot; fails when an in-process model file cannot be loaded.
    ///
    /// - Parameter routing: how each model's traffic is divided now, by model name, as its
    ///   release's phase dictates; a model not named routes by its configured release.
    /// - Parameter holds: how long a request may wait for an instance of its version, by model
    ///   name, while a release leaves that version without one; a model not named fails such a
    ///   request at once.
    mutating func build(
        _ config: TurnoutConfig, routing: [String: ReleaseSpec] = [:], flags: FlagStore?, holds: [String: Duration] = [:]
    ) throws(GatewayError) -> GatewaySnapshot {
        var models: [String: ModelRuntime] = [:]
        var kept: [InstanceKey: UpstreamInstance] = [:]
        var keptModels: [String: BuiltinModel] = [:]
        for model in config.models {
            var versions: [String: VersionRuntime] = [:]
            for version in model.versions {
                let backend: VersionRuntime.Backend
                if case .builtin(let path) = version.backend {
                    let builtin: BuiltinModel
                    do {
                        builtin = try keptModels[path] ?? builtins[path] ?? BuiltinModel(path: path)
                    } catch {
                        throw GatewayError("models.\(model.name).versions.\(version.name).builtin: \(error)")
                    }
                    keptModels[path] = builtin
                    backend = .builtin(builtin, metadata: builtin.metadata(model: model.name, version: version.name))
                } else {
                    backend = upstreamBackend(of: version, keeping: &kept)
                }
                versions[version.name] = VersionRuntime(model: model, version: version, backend: backend)
            }
            let release = routing[model.name] ?? model.release
            if let flag = release.as(FlagSpec.self), let flags {
                try Self.requireUsable(flag: flag.key, in: flags.flags, model: model.name)
            }
            let policy = release.makePolicy(salt: model.salt, versions: Set(model.versions.map(\.name)), flags: flags)
            var shadow: ShadowRuntime?
            if let spec = release.mirroring {
                shadow = ShadowRuntime(spec: spec, versions: spec.shadows.compactMap { versions[$0] })
            }
            models[model.name] = ModelRuntime(
                config: model, policy: policy, versions: versions, shadow: shadow, hold: holds[model.name].map(TimeAmount.init))
        }
        instances = kept
        builtins = keptModels
        return GatewaySnapshot(models: models, maxBodyBytes: config.maxBodyBytes, limits: config.limits)
    }

    /// Refuses a flag release that routes on a flag whose definition is broken: it would send
    /// every request to the fallback, which is better said when the release is set up.
    static func requireUsable(flag key: String, in flags: FlagSet, model: String) throws(GatewayError) {
        guard let problems = flags.invalidFlags[key] else { return }
        throw GatewayError(
            "models.\(model).release.flag: flag \"\(key)\" is invalid, so it cannot route: "
                + problems.map(\.description).joined(separator: "; "))
    }

    private func upstreamBackend(
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
        case .process(let process):
            // The supervisor's ready instances join the group once it is wired in; until then
            // the version has none, like an upstream whose instances are all down.
            return .upstream(UpstreamGroup(config: process.upstream, instances: []))
        case .builtin:
            preconditionFailure("in-process versions are built by the caller")
        }
    }
}
