import Foundation
import Logging
import ServiceLifecycle

/// Polls files for changes (modification time and size) and calls `onChange` after each one.
struct FileWatcher: Service {
    let paths: [String]
    let interval: Duration
    let onChange: @Sendable () async -> Void

    private struct Stamp: Equatable {
        let modified: Date?
        let size: Int?
    }

    func run() async throws {
        // Stopping is the normal end of this service, so a cancelled sleep is not an error.
        try? await cancelWhenGracefulShutdown {
            var seen = stamps()
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                let current = stamps()
                guard current != seen else { continue }
                seen = current
                await onChange()
            }
        }
    }

    private func stamps() -> [Stamp] {
        paths.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            return Stamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue)
        }
    }
}
