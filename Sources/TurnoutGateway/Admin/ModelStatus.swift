import Foundation
import TurnoutAdminAPI
import TurnoutCore
import TurnoutStore

/// What the admin API says about one model: its release, how traffic is divided now, and each
/// version's statistics over a window.
enum ModelStatus {
    /// The status of `name`, or `nil` when there is no such model. Observations still queued
    /// are written first, so the statistics include every request answered before the call.
    static func describe(_ name: String, services: AdminServices, windowSeconds: Int) async -> ModelAnswer? {
        guard let model = services.shared.snapshot.load(ordering: .acquiring).models[name] else { return nil }
        let release = await services.controller.release(of: name)
        let steps = await services.controller.stepAnalyses(of: name).map(\.answer)
        return ModelAnswer(
            name: model.config.name,
            protocol: model.config.wireProtocol.rawValue,
            strategy: release?.spec.strategyName ?? model.config.release.strategyName,
            versions: model.config.versions.map(\.name),
            weights: weights(of: model),
            windowSeconds: windowSeconds,
            release: release.map(releaseAnswer),
            analysis: await services.controller.rolloutAnalysis(of: name)?.answer,
            stats: await statistics(of: model.config, services: services, windowSeconds: windowSeconds),
            instances: await services.controller.instancesAnswer(of: name),
            gate: await services.controller.gateStatus(of: name).map(gateAnswer),
            stepAnalyses: steps.isEmpty ? nil : steps
        )
    }

    /// Each version's share of traffic now, in percent.
    private static func weights(of model: ModelRuntime) -> [String: Double] {
        let total = model.policy.weights.reduce(0) { $0 + $1.weight }
        var shares = Dictionary(uniqueKeysWithValues: model.config.versions.map { ($0.name, 0.0) })
        for weight in model.policy.weights where total > 0 { shares[weight.version, default: 0] += weight.weight / total * 100 }
        return shares
    }

    static func gateAnswer(_ status: GateStatus) -> GateAnswer {
        GateAnswer(gate: status.gate.rawValue, url: status.url, answer: status.answer, since: status.since, askedAt: status.askedAt, attempts: status.attempts)
    }

    static func releaseAnswer(_ state: ReleaseState) -> ReleaseAnswer {
        ReleaseAnswer(
            spec: WireValue(json: state.spec.configJSON),
            phase: state.phase.rawValue,
            step: state.step,
            stepCount: state.stepCount,
            revision: state.revision,
            previousStable: state.previousStable,
            updatedAt: state.updatedAt,
            reason: state.reason,
            // `complete` is the controller's own step, not an admin route.
            allowedActions: ReleaseLifecycle.allowedActions(in: state.phase).filter { $0 != .complete }.map(\.rawValue)
        )
    }

    private static func statistics(of model: ModelConfig, services: AdminServices, windowSeconds: Int) async -> [String: VersionStatsAnswer]? {
        guard let store = services.store else { return nil }
        // While the store fails the queue cannot drain: answer with what is written after a while.
        await services.writer?.flush(waitingAtMost: .seconds(2))
        guard let aggregates = try? await store.aggregates(model: model.name, since: Date(timeIntervalSinceNow: -Double(windowSeconds))) else {
            return nil
        }
        var stats: [String: VersionStatsAnswer] = [:]
        for version in model.versions {
            stats[version.name] = VersionStatsAnswer(aggregates[version.name] ?? AggregateCounts())
        }
        return stats
    }
}
