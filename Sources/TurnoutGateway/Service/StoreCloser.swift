import ServiceLifecycle
import TurnoutPostgres

/// Closes the PostgreSQL store's connections once every other service has stopped (it is the
/// first service, so it stops last).
struct StoreCloser: Service {
    let store: PostgresStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.close()
    }
}
