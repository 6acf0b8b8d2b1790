import Logging
import NIOConcurrencyHelpers
import TurnoutCore

/// Builds routing snapshots from a configuration and the releases' current routing, and
/// publishes them to the data plane.
final class SnapshotPublisher: Sendable {
    private let shared: DataPlaneShared
    private let state: NIOLockedValueBox<State>
    private let initial: TurnoutConfig
    private let logger: Logger
    private let flags: FlagStore?

    private struct State {
        var builder: SnapshotBuilder
        var config: TurnoutConfig
        var routing: [String: ReleaseSpec] = [:]
        var holds: [String: Duration] = [:]
        /// The ready instances of the `process` versions, as the supervisor last reported them.
        var ready: [InstanceKey: [InstanceAddress]] = [:]
    }

    init(shared: DataPlaneShared, builder: SnapshotBuilder, initial: TurnoutConfig, flags: FlagStore?, logger: Logger) {
        self.flags = flags
        self.shared = shared
        self.state = NIOLockedValueBox(State(builder: builder, config: initial))
        self.initial = initial
        self.logger = logger
    }

    /// The configuration in force.
    var config: TurnoutConfig {
        state.withLockedValue { $0.config }
    }

    /// Builds the snapshot for `config` with `routing`, without publishing it: a configuration
    /// whose model files cannot be loaded fails here, before anything is persisted.
    ///
    /// - Parameter holds: how long requests of each model may wait for an instance (see
    ///   ``SnapshotBuilder/build(_:routing:flags:holds:ready:)``).
    func prepare(_ config: TurnoutConfig, routing: [String: ReleaseSpec], holds: [String: Duration] = [:]) throws(GatewayError) -> Prepared {
        let flags = self.flags
        let result = state.withLockedValue { state -> Result<(GatewaySnapshot, [InstanceKey: [InstanceAddress]]), GatewayError> in
            do throws(GatewayError) {
                return .success((try state.builder.build(config, routing: routing, flags: flags, holds: holds, ready: state.ready), state.ready))
            } catch {
                return .failure(error)
            }
        }
        let (snapshot, ready) = try result.get()
        return Prepared(config: config, routing: routing, holds: holds, ready: ready, snapshot: snapshot)
    }

    /// Routes to the `process` versions' instances that are ready now: rebuilds the snapshot in
    /// force with them and publishes it.
    func instancesChanged(ready: [InstanceKey: [InstanceAddress]]) {
        let flags = self.flags
        let snapshot = state.withLockedValue { state -> GatewaySnapshot? in
            guard state.ready != ready else { return nil }
            state.ready = ready
            // The configuration in force built before, and a process version loads no file.
            guard let snapshot = try? state.builder.build(state.config, routing: state.routing, flags: flags, holds: state.holds, ready: ready) else {
                return nil
            }
            shared.snapshot.store(snapshot, ordering: .releasing)
            return snapshot
        }
        if let snapshot { afterSwap(to: snapshot) }
    }

    /// How `model` routes now, by the snapshot in force.
    func weights(of model: String) -> [VersionWeight] {
        shared.snapshot.load(ordering: .acquiring).models[model]?.policy.weights ?? []
    }

    /// Swaps in a prepared snapshot: requests already routed finish where they were sent.
    ///
    /// When the ready instances changed after it was prepared, it is built again with them, so
    /// a release change never brings back an instance that was drained meanwhile.
    func publish(_ prepared: Prepared) {
        if prepared.config.listen != initial.listen || prepared.config.admin != initial.admin || prepared.config.flagFiles != initial.flagFiles {
            logger.warning("listen, admin and flag-file settings take effect only after a restart")
        }
        let flags = self.flags
        let snapshot = state.withLockedValue { state -> GatewaySnapshot in
            state.config = prepared.config
            state.routing = prepared.routing
            state.holds = prepared.holds
            var snapshot = prepared.snapshot
            if prepared.ready != state.ready,
                let rebuilt = try? state.builder.build(prepared.config, routing: prepared.routing, flags: flags, holds: prepared.holds, ready: state.ready) {
                snapshot = rebuilt
            }
            shared.snapshot.store(snapshot, ordering: .releasing)
            return snapshot
        }
        afterSwap(to: snapshot)
    }

    private func afterSwap(to snapshot: GatewaySnapshot) {
        shared.metrics.setReleaseWeights(snapshot)
        let live = Set(snapshot.instances.map(\.id))
        shared.onEveryLoop { $0.retirePools(keeping: live) }
    }

    /// The requests of `model` the data plane held for an instance, and refused once their hold
    /// ran out, since the gateway started: the release controller, which reaches the data plane
    /// only through the publisher, reports them for a recreate release.
    func holdTotals(model: String) -> HoldTotals {
        shared.metrics.holdTotals(model: model)
    }

    /// A built snapshot and what it was built from.
    struct Prepared: Sendable {
        let config: TurnoutConfig
        let routing: [String: ReleaseSpec]
        let holds: [String: Duration]
        let ready: [InstanceKey: [InstanceAddress]]
        let snapshot: GatewaySnapshot
    }
}
