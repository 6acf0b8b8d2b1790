import NIOPosix

/// The one thread every instance is spawned from.
///
/// The kernel sends a child its parent-death signal when the *thread* that spawned it ends, not
/// the process; Dispatch's and the cooperative pool's threads end when idle, which would kill
/// healthy instances. This thread lives as long as the gateway.
enum SpawnThread {
    static let shared: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()
}
