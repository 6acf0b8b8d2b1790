import NIOCore
import TurnoutCore
import TurnoutFlags
import TurnoutStats

/// Builds routing snapshots from configuration, keeping the instances (and so their health and
/// pooled connections) of upstreams that stay the same from one snapshot to the next.
struct SnapshotBuilder {
    private var instances: [UpstreamKey: UpstreamInstance] = [:]
    private var builtins: [String: BuiltinModel] = [:]

    private struct UpstreamKey: Hashable {
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
    /// - Parameter ready: where the ready instances of each `process` version listen; a version
    ///   not named has none.
    mutating func build(
        _ config: TurnoutConfig, routing: [String: ReleaseSpec] = [:], flags: FlagStore?, holds: [String: Duration] = [:],
        ready: [InstanceKey: [InstanceAddress]] = [:]
    ) throws(GatewayError) -> GatewaySnapshot {
        var models: [String: ModelRuntime] = [:]
        var kept: [UpstreamKey: UpstreamInstance] = [:]
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
                    let addresses = ready[InstanceKey(model: model.name, version: version.name)] ?? []
                    backend = upstreamBackend(of: version, readyAt: addresses, keeping: &kept)
                }
                versions[version.name] = VersionRuntime(model: model, version: version, backend: backend)
            }
            let release = routing[model.name] ?? model.release
            if let flag = release.as(FlagSpec.self), let flags {
                try Self.requireUsable(flag: flag.key, in: flags.flags, model: model.name)
            }
            let policy = Self.instanceWeightedPolicy(release, model: model, versions: versions)
                ?? release.makePolicy(salt: model.salt, versions: Set(model.versions.map(\.name)), flags: flags)
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

    /// A rolling release spreads traffic over the ready instances of both versions in proportion
    /// to their count, whatever its phase (a rollback is a rolling update in reverse). The counts
    /// are read from the instances this snapshot routes to, so routing never names a version
    /// whose instances just left; with none ready anywhere, `from` answers (and its requests
    /// are held, when the model holds).
    private static func instanceWeightedPolicy(_ release: ReleaseSpec, model: ModelConfig, versions: [String: VersionRuntime]) -> (any RoutingPolicy)? {
        guard let rolling = release.as(RollingSpec.self) else { return nil }
        func readyCount(_ name: String) -> Double {
            guard case .upstream(let group)? = versions[name]?.backend else { return 0 }
            return Double(group.instances.count)
        }
        let (from, to) = (readyCount(rolling.from), readyCount(rolling.to))
        let weights = from + to > 0
            ? [VersionWeight(version: rolling.from, weight: from), VersionWeight(version: rolling.to, weight: to)]
            : [VersionWeight(version: rolling.from, weight: 1), VersionWeight(version: rolling.to, weight: 0)]
        return SplitPolicy(weights: weights, salt: model.salt)
    }

    private func upstreamBackend(
        of version: VersionConfig,
        readyAt ready: [InstanceAddress],
        keeping kept: inout [UpstreamKey: UpstreamInstance]
    ) -> VersionRuntime.Backend {
        switch version.backend {
        case .upstream(let upstream):
            return .upstream(UpstreamGroup(config: upstream, instances: members(upstream.instances, ejection: upstream.ejection, keeping: &kept)))
        case .process(let process):
            // Only the instances the supervisor found ready; the supervisor probes them, so the
            // group has no probe of its own.
            let urls = ready.compactMap { UpstreamURL(parsing: $0.url) }
            return .upstream(UpstreamGroup(config: process.upstream, instances: members(urls, ejection: process.upstream.ejection, keeping: &kept)))
        case .builtin:
            preconditionFailure("in-process versions are built by the caller")
        }
    }

    /// The instances at `urls`, the same objects (with their health and pooled connections) as in
    /// the previous snapshot where the URL and ejection policy did not change.
    private func members(_ urls: [UpstreamURL], ejection: EjectionPolicy, keeping kept: inout [UpstreamKey: UpstreamInstance]) -> [UpstreamInstance] {
        urls.map { url in
            let key = UpstreamKey(url: url, consecutiveFailures: ejection.consecutiveFailures, cooldown: ejection.cooldown)
            let instance = kept[key] ?? instances[key] ?? UpstreamInstance(url: url, ejection: ejection)
            kept[key] = instance
            return instance
        }
    }
}
