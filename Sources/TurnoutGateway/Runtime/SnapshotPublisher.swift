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
    func prepare(_ config: TurnoutConfig, routing: [String: ReleaseSpec]) throws(GatewayError) -> Prepared {
        let flags = self.flags
        let result = state.withLockedValue { state -> Result<GatewaySnapshot, GatewayError> in
            do throws(GatewayError) {
                return .success(try state.builder.build(config, routing: routing, flags: flags))
            } catch {
                return .failure(error)
            }
        }
        return Prepared(config: config, routing: routing, snapshot: try result.get())
    }

    /// Swaps in a prepared snapshot: requests already routed finish where they were sent.
    func publish(_ prepared: Prepared) {
        if prepared.config.listen != initial.listen || prepared.config.admin != initial.admin || prepared.config.flagFiles != initial.flagFiles {
            logger.warning("listen, admin and flag-file settings take effect only after a restart")
        }
        state.withLockedValue { state in
            state.config = prepared.config
            state.routing = prepared.routing
        }
        shared.snapshot.store(prepared.snapshot, ordering: .releasing)
        shared.metrics.setReleaseWeights(prepared.snapshot)
        let live = Set(prepared.snapshot.instances.map(\.id))
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
        let snapshot: GatewaySnapshot
    }
}
