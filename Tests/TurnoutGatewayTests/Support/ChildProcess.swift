#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Synchronization
import TurnoutGateway

/// A child process started with `posix_spawn`, for the tests that run the real `turnout` binary
/// or `openssl`.
///
/// Not Foundation's `Process`: on Linux its `run()` intermittently crashes the whole test process
/// (an over-read of `dirent.d_name` in `findMaximumOpenFromProcSelfFD`, swift-corelibs-foundation
/// PR #5472, in Swift 6.3), and the crash then hangs in the backtracer instead of failing.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// The read end of the child's standard output, when captured.
    let output: FileHandle?
    /// The read end of the child's standard error, when captured.
    let errors: FileHandle?
    /// The exit status, once the child has been reaped.
    private let status = Mutex<Int32?>(nil)

    /// How the child's standard output or error is connected: a pipe the test reads through
    /// ``output`` or ``errors``, `/dev/null`, or the test process's own stream.
    typealias Stream = PosixSpawn.Stream

    /// Starts `executable` with `arguments` in `directory`, the environment inherited plus `environment`.
    init(
        _ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], output: Stream = .pipe,
        errors: Stream = .pipe
    ) throws {
        // Glibc's module does not export posix_spawn_file_actions_addchdir_np; coreutils' env
        // changes directory and then execs the program, in the same process.
        let argv = directory.map { ["/usr/bin/env", "-C", $0, executable] + arguments } ?? [executable] + arguments
        let inherited = environment.isEmpty
            ? nil : ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let child = try PosixSpawn.spawn(argv, environment: inherited, output: output, errors: errors)
        pid = child.pid
        self.output = child.output.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.errors = child.errors.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
    }

    /// Runs `executable` to its end and returns its exit status with everything it wrote.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: Data, errors: Data) {
        let child = try ChildProcess(executable, arguments, in: directory)
        // Read standard error on another thread, so a child filling one pipe never blocks.
        let errors = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let data = child.errors?.readDataToEndOfFile() ?? Data()
            errors.withLock { $0 = data }
            done.signal()
        }
        let output = child.output?.readDataToEndOfFile() ?? Data()
        done.wait()
        return (child.waitForExit(), output, errors.withLock { $0 })
    }

    /// Sends `signal` to the child.
    func signal(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child to end; its exit code, or 128 + the signal that ended it.
    @discardableResult
    func waitForExit() -> Int32 {
        status.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            let code = PosixSpawn.exitCode(raw)
            status = code
            return code
        }
    }

    /// Whether the child ended because of a signal (after ``waitForExit()``).
    var endedBySignal: Bool {
        waitForExit() > 128
    }

    /// Whether the child still runs.
    var isRunning: Bool {
        status.withLock { status in
            if status != nil { return false }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            guard result == pid else { return result == 0 }
            status = PosixSpawn.exitCode(raw)
            return false
        }
    }
}
