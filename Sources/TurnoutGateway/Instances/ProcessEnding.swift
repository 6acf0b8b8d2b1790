#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Synchronization

/// The end of one child process: waits for it on a thread of its own and signals its process
/// group only while it has not been reaped.
///
/// The waiting thread first waits without reaping (`WNOWAIT`) and reaps only under the lock the
/// signalling takes, so a signal never reaches another process that got the pid after it.
final class ProcessEnding: Sendable {
    private struct State {
        var status: InstanceExit.Status?
        var waiters: [CheckedContinuation<InstanceExit.Status, Never>] = []
    }

    /// The child's pid, which is also its process group's id.
    let pid: pid_t
    private let state = Mutex(State())

    /// Starts waiting for `pid`, a child of this process that leads its own process group.
    init(pid: pid_t) {
        self.pid = pid
        // A blocking wait on a thread of its own, because a cooperative-pool thread must not block
        // and the number of instances is small.
        Thread.detachNewThread { [self] in
            waitUntilEnded()
        }
    }

    /// Waits until the process has ended.
    func wait() async -> InstanceExit.Status {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state -> InstanceExit.Status? in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Sends `signal` to the process's group, unless the process has already been reaped.
    func signalGroup(_ signal: Int32) {
        state.withLock { state in
            guard state.status == nil else { return }
            kill(-pid, signal)
        }
    }

    private func waitUntilEnded() {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        let waiters = state.withLock { state in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            state.status = Self.status(raw)
            defer { state.waiters = [] }
            return state.waiters
        }
        let status = state.withLock { $0.status! }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    private static func status(_ raw: Int32) -> InstanceExit.Status {
        raw & 0x7f == 0 ? .exited((raw >> 8) & 0xff) : .signalled(raw & 0x7f)
    }
}
