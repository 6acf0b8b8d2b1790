import Logging
import NIOConcurrencyHelpers
import TurnoutCore

/// Builds routing snapshots from configurations and publishes them to the data plane.
final class SnapshotPublisher: Sendable {
    private let shared: DataPlaneShared
    private let builder: NIOLockedValueBox<SnapshotBuilder>
    private let initial: TurnoutConfig
    private let logger: Logger
    private let flags: FlagStore?

    init(shared: DataPlaneShared, builder: SnapshotBuilder, initial: TurnoutConfig, flags: FlagStore?, logger: Logger) {
        self.flags = flags
        self.shared = shared
        self.builder = NIOLockedValueBox(builder)
        self.initial = initial
        self.logger = logger
    }

    /// Builds and swaps in the snapshot for `config`; see ``Gateway/apply(_:)``.
    func apply(_ config: TurnoutConfig) throws(GatewayError) {
        if config.listen != initial.listen || config.admin != initial.admin || config.flagFiles != initial.flagFiles {
            logger.warning("listen, admin and flag-file settings take effect only after a restart")
        }
        let result = builder.withLockedValue { builder -> Result<GatewaySnapshot, GatewayError> in
            do throws(GatewayError) {
                return .success(try builder.build(config, flags: flags))
            } catch {
                return .failure(error)
            }
        }
        let snapshot = try result.get()
        shared.snapshot.store(snapshot, ordering: .releasing)
        shared.metrics.setReleaseWeights(snapshot)
        let live = Set(snapshot.instances.map(\.id))
        shared.onEveryLoop { $0.retirePools(keeping: live) }
    }
}
