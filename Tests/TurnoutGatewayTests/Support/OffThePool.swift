import Foundation

/// Runs blocking work (waiting on a child process, reading its pipe) on a thread of its own.
///
/// The cooperative pool has one thread per core, two on the development machine: a test that
/// blocks one of them stalls every other test in the process, and a gateway in the process whose
/// admin handlers need the pool. Measured: three replicas started with a blocking read of their
/// logs held the whole suite for 27 s, long enough for other tests' deadlines to pass.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try work() })
        }
    }
}

/// Runs blocking work that cannot fail on a thread of its own (see the throwing form).
func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(returning: work())
        }
    }
}
