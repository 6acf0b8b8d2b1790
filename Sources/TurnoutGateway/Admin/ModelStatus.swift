import Foundation
import TurnoutCore
import TurnoutStore

/// What the admin API says about one model: its release, how traffic is divided now, and each
/// version's statistics over a window.
struct ModelStatus {
    let json: [String: Any]
    let revision: Int?

    /// The status of `name`, or `nil` when there is no such model. Observations still queued
    /// are written first, so the statistics include every request answered before the call.
    static func describe(_ name: String, services: AdminServices, windowSeconds: Int) async -> ModelStatus? {
        guard let model = services.shared.snapshot.load(ordering: .acquiring).models[name] else { return nil }
        let release = await services.controller.release(of: name)
        var json: [String: Any] = [
            "name": model.config.name,
            "protocol": model.config.wireProtocol.rawValue,
            "strategy": release?.spec.strategyName ?? model.config.release.strategyName,
            "versions": model.config.versions.map(\.name),
            "weights": weights(of: model),
            "window_seconds": windowSeconds,
        ]
        if let release { json["release"] = releaseJSON(release) }
        if let analysis = await services.controller.rolloutAnalysis(of: name) { json["analysis"] = analysis.json }
        if let stats = await statistics(of: model.config, services: services, windowSeconds: windowSeconds) { json["stats"] = stats }
        return ModelStatus(json: json, revision: release?.revision)
    }

    /// Each version's share of traffic now, in percent.
    private static func weights(of model: ModelRuntime) -> [String: Double] {
        let total = model.policy.weights.reduce(0) { $0 + $1.weight }
        var shares = Dictionary(uniqueKeysWithValues: model.config.versions.map { ($0.name, 0.0) })
        for weight in model.policy.weights where total > 0 { shares[weight.version, default: 0] += weight.weight / total * 100 }
        return shares
    }

    static func releaseJSON(_ state: ReleaseState) -> [String: Any] {
        [
            "spec": (try? JSONSerialization.jsonObject(with: Data(state.spec.configJSON.utf8))) ?? [:],
            "phase": state.phase.rawValue,
            "step": state.step,
            "step_count": state.stepCount,
            "revision": state.revision,
            "previous_stable": state.previousStable ?? NSNull(),
            "updated_at": state.updatedAt,
            "reason": state.reason,
            // `complete` is the controller's own step, not an admin route.
            "allowed_actions": ReleaseLifecycle.allowedActions(in: state.phase).filter { $0 != .complete }.map(\.rawValue),
        ]
    }

    private static func statistics(of model: ModelConfig, services: AdminServices, windowSeconds: Int) async -> [String: Any]? {
        guard let store = services.store else { return nil }
        // While the store fails the queue cannot drain: answer with what is written after a while.
        await services.writer?.flush(waitingAtMost: .seconds(2))
        guard let aggregates = try? await store.aggregates(model: model.name, since: Date(timeIntervalSinceNow: -Double(windowSeconds))) else {
            return nil
        }
        var stats: [String: Any] = [:]
        for version in model.versions {
            stats[version.name] = versionJSON(aggregates[version.name] ?? AggregateCounts())
        }
        return stats
    }

    private static func versionJSON(_ counts: AggregateCounts) -> [String: Any] {
        func optional(_ value: Double?) -> Any { value.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
        return [
            "requests": counts.count,
            "errors": counts.errors,
            "error_rate": optional(counts.errorRate),
            "latency_p50_ms": optional(counts.latency.quantileMicros(0.5).map { $0 / 1_000 }),
            "latency_p99_ms": optional(counts.latency.quantileMicros(0.99).map { $0 / 1_000 }),
            "feedback": counts.rewardCount,
            "mean_reward": optional(counts.meanReward),
        ]
    }
}
