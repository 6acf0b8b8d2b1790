import Foundation
import TurnoutAdminAPI
import TurnoutCore

/// The gateway's side of `process` versions: turns their configuration into the supervisor's
/// launches, and the supervisor's instances into what the controllers, the routing snapshot and
/// the admin API need.
final class ManagedInstances: Sendable {
    let supervisor: InstanceSupervisor
    private let metrics: GatewayMetrics

    /// How long a request waits for an instance of a `process` version that has none ready,
    /// outside a recreate (which has its own `hold`): long enough for a crashed instance's quick
    /// restart or a server's start, short enough that a version that cannot start answers 503.
    static let startupHold: Duration = .seconds(5)

    init(supervisor: InstanceSupervisor, metrics: GatewayMetrics) {
        self.supervisor = supervisor
        self.metrics = metrics
    }

    /// The requests of `model` the data plane held for an instance, and refused after the hold,
    /// since the gateway started.
    func holdTotals(model: String) -> HoldTotals {
        metrics.holdTotals(model: model)
    }

    /// Runs `replicas` instances of `version` of `model`; nothing for a version that is not a
    /// `process` version.
    func scale(_ version: String, of model: ModelConfig, to replicas: Int) async {
        guard let process = model.version(named: version)?.process else { return }
        await supervisor.setReplicas(replicas, of: InstanceKey(model: model.name, version: version), launch: Self.launch(process))
    }

    /// How to start an instance of a `process` version.
    static func launch(_ process: ProcessConfig) -> InstanceLaunch {
        InstanceLaunch(command: process.command, env: process.env, cwd: process.cwd, readyPath: process.readyPath, grace: process.grace)
    }

    /// Stops the instances of versions that are no longer `process` versions of `config` (a
    /// model or version removed, or turned into an upstream, by a configuration change).
    func stopUnconfigured(in config: TurnoutConfig) async {
        var configured: Set<InstanceKey> = []
        for model in config.models {
            for version in model.versions where version.process != nil {
                configured.insert(InstanceKey(model: model.name, version: version.name))
            }
        }
        for key in await supervisor.keysWithInstances() where !configured.contains(key) {
            await supervisor.drainAll(of: key)
        }
    }

    /// Every `process` version's instances by state, for the controllers; `now` and the
    /// supervisor's clock are the same wall clock, so ready times are in the controller's seconds.
    func counts(of model: ModelConfig) async -> [String: InstanceCounts] {
        var counts: [String: InstanceCounts] = [:]
        for version in model.versions where version.process != nil {
            let statuses = await supervisor.instances(of: InstanceKey(model: model.name, version: version.name))
            counts[version.name] = Self.counts(statuses)
        }
        return counts
    }

    static func counts(_ statuses: [InstanceStatus]) -> InstanceCounts {
        var counts = InstanceCounts()
        for status in statuses {
            switch status.state {
            case .starting: counts.starting += 1
            case .ready:
                counts.ready += 1
                counts.availableSince.append(status.readySince?.timeIntervalSince1970 ?? 0)
            case .draining: counts.draining += 1
            case .failed:
                counts.failed += 1
                counts.crashLooping = true
            }
        }
        return counts
    }

    /// Where the ready instances of every `process` version of `config` listen, for the routing
    /// snapshot.
    func readyAddresses(in config: TurnoutConfig) async -> [InstanceKey: [InstanceAddress]] {
        var ready: [InstanceKey: [InstanceAddress]] = [:]
        for model in config.models {
            for version in model.versions where version.process != nil {
                let key = InstanceKey(model: model.name, version: version.name)
                ready[key] = await supervisor.readyAddresses(of: key)
            }
        }
        return ready
    }

    /// The instances of `model` as the admin API shows them, by version then number.
    func answers(of model: ModelConfig) async -> [InstanceAnswer] {
        var answers: [InstanceAnswer] = []
        for version in model.versions where version.process != nil {
            for status in await supervisor.instances(of: InstanceKey(model: model.name, version: version.name)) {
                answers.append(Self.answer(status, version: version.name))
            }
        }
        return answers
    }

    static func answer(_ status: InstanceStatus, version: String) -> InstanceAnswer {
        let state: String
        var lastExit = status.lastExit
        switch status.state {
        case .starting: state = "starting"
        case .ready: state = "ready"
        case .draining: state = "draining"
        case .failed(let reason):
            state = "failed"
            lastExit = reason
        }
        return InstanceAnswer(
            version: version, id: status.number, state: state, port: status.address?.port,
            readySince: status.readySince?.timeIntervalSince1970, restarts: status.restarts, lastExit: lastExit
        )
    }
}
