import ServiceLifecycle

/// Wakes the release controller often enough for each release to be looked at on its own
/// interval; the controllers decide which releases are due. Only the leading replica ticks.
struct ReleaseTicker: Service {
    let controller: ReleaseController
    let leadership: Leadership
    var period: Duration = .milliseconds(100)

    func run() async throws {
        // Stopping is the normal end of this service, so a cancelled sleep is not an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: period)
                if leadership.isLeading { await controller.tick() }
            }
        }
    }
}
