import ServiceLifecycle
import TurnoutPostgres

/// Closes the PostgreSQL store's connections once every other service has stopped (it is the
/// first service, so it is the last one told to stop). When the group is cancelled instead, the
/// others may still be writing: the connections are left to the process's end.
struct StoreCloser: Service {
    let store: PostgresStore

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return
        }
        await store.close()
    }
}
