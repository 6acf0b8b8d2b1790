import Foundation
import Logging
import ServiceLifecycle
import TurnoutStore

/// Takes part in the shared store's leader election for as long as the gateway runs.
///
/// On becoming leader the replica first reads the releases and the controllers' progress other
/// replicas stored, then starts ticking, so it continues where the previous leader stopped.
/// When its coordination connection fails it stops leading at once and tries again.
struct ReplicaElection: Service {
    let coordinator: any ReplicaCoordinator
    let replica: ReplicaRecord
    let leadership: Leadership
    let controller: ReleaseController
    let logger: Logger
    var retryDelay: Duration = .seconds(1)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await coordinator.coordinate(as: replica) { leading in await changed(leading) }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("replica \(replica.name): leader election connection failed, joining again in \(retryDelay): \(error)")
                }
                try await Task.sleep(for: retryDelay)
            }
        }
        leadership.set(false)
    }

    private func changed(_ leading: Bool) async {
        if leading {
            await controller.adoptStoredReleases()
            await controller.loadControllerProgress()
            leadership.set(true)
            logger.info("replica \(replica.name) leads: it runs the release controllers")
        } else if leadership.isLeading {
            leadership.set(false)
            // Stopping ends the leadership as a matter of course; losing the connection is worth a warning.
            logger.log(
                level: Task.isCancelled ? .info : .warning, "replica \(replica.name) no longer leads: its release controllers stop")
        }
    }
}
