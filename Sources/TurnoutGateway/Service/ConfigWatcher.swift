import Foundation
import Logging
import ServiceLifecycle

/// Watches the configuration file and applies each valid change without a restart; a broken
/// edit is logged and the configuration in force stays.
struct ConfigWatcher: Service {
    let path: String
    let interval: Duration
    let publisher: SnapshotPublisher
    let logger: Logger

    private struct Stamp: Equatable {
        let modified: Date?
        let size: Int?
    }

    func run() async throws {
        // Stopping is the normal end of this service, so a cancelled sleep is not an error.
        try? await cancelWhenGracefulShutdown {
            var seen = stamp()
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let current = stamp()
                guard current != seen else { continue }
                seen = current
                reload()
            }
        }
    }

    private func stamp() -> Stamp {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return Stamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue)
    }

    private func reload() {
        do {
            try publisher.apply(try ConfigFileLoader.load(path))
            logger.info("configuration reloaded", metadata: ["file": "\(path)"])
        } catch {
            logger.error("configuration change refused, the previous one stays in force: \(error.description)")
        }
    }
}
