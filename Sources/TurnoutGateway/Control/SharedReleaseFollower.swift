import Logging
import ServiceLifecycle
import TurnoutStore

/// Keeps a replica's routing in step with releases other replicas save to the shared store:
/// re-reads them when the store announces a change, and every `period` as a safety net for
/// announcements lost while the feed's connection was down.
struct SharedReleaseFollower: Service {
    let controller: ReleaseController
    let feed: any ReleaseChangeFeed
    let logger: Logger
    var period: Duration = .seconds(5)
    var reconnectDelay: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await follow() }
                group.addTask { await poll() }
                await group.waitForAll()
            }
        }
    }

    /// Follows the feed, starting it again after each break; a change missed meanwhile is read
    /// on the next start.
    private func follow() async {
        while !Task.isCancelled {
            do {
                try await feed.followReleaseChanges { _ in
                    await controller.adoptStoredReleases()
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("release change feed broke, following again in \(reconnectDelay): \(error)")
            }
            try? await Task.sleep(for: reconnectDelay)
            await controller.adoptStoredReleases()
        }
    }

    private func poll() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: period)
            await controller.adoptStoredReleases()
        }
    }
}
