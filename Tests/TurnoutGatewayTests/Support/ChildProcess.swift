#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Synchronization

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

    /// How the child's standard output or error is connected.
    enum Stream {
        /// A pipe the test reads through ``output`` or ``errors``.
        case pipe
        /// `/dev/null`.
        case null
        /// The test process's own stream.
        case inherit
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        let executable: String
        let code: Int32
        var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` in `directory`, the environment inherited.
    init(_ executable: String, _ arguments: [String], in directory: String? = nil, output: Stream = .pipe, errors: Stream = .pipe) throws {
        // Glibc's module does not export posix_spawn_file_actions_addchdir_np; coreutils' env
        // changes directory and then execs the program, in the same process.
        let argv = directory.map { ["/usr/bin/env", "-C", $0, executable] + arguments } ?? [executable] + arguments
        let (child, outputPipe, errorPipe) = try Self.spawnLock.withLock { _ in
            try Self.spawn(argv, output: output, errors: errors)
        }
        pid = child
        self.output = outputPipe.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.errors = errorPipe.map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
    }

    /// Held while pipes are made and a child is spawned. The pipes' ends cannot be created
    /// close-on-exec here (no `pipe2` in Glibc's module), so until they are marked, a child
    /// spawned by another test would inherit them and hold the pipe open past its child's end.
    private static let spawnLock = Mutex(())

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Glibc's module
    /// does not export.
    private static var addCloseFrom: AddCloseFrom? {
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }
    }

    /// Spawns `argv` with standard input from `/dev/null`; the read ends of the pipes made for
    /// standard output and error.
    private static func spawn(_ argv: [String], output: Stream, errors: Stream) throws -> (pid_t, Int32?, Int32?) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let outputPipe = try connect(output, to: 1, actions: &actions)
        let errorPipe = try connect(errors, to: 2, actions: &actions)
        // As Foundation's Process does, the child gets no other descriptor of the test process:
        // an inherited socket would keep a test's connection open after the test closed it.
        if let addCloseFrom { _ = addCloseFrom(&actions, 3) }
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, argv[0], &actions, nil, arguments, environ)
        // The parent keeps only the read ends.
        for pipe in [outputPipe, errorPipe].compactMap({ $0 }) { close(pipe.write) }
        guard code == 0 else {
            for pipe in [outputPipe, errorPipe].compactMap({ $0 }) { close(pipe.read) }
            throw SpawnFailure(executable: argv[0], code: code)
        }
        return (child, outputPipe?.read, errorPipe?.read)
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
            let code = Self.exitCode(raw)
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
            status = Self.exitCode(raw)
            return false
        }
    }

    /// The exit code in a `waitpid` status, or 128 + the signal that ended the process.
    private static func exitCode(_ raw: Int32) -> Int32 {
        raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    private static func connect(_ stream: Stream, to fd: Int32, actions: inout posix_spawn_file_actions_t) throws -> (read: Int32, write: Int32)? {
        switch stream {
        case .inherit:
            return nil
        case .null:
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            return nil
        case .pipe:
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw SpawnFailure(executable: "pipe", code: errno) }
            // Close-on-exec, so only the dup2'd copy reaches the child.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], fd)
            return (ends[0], ends[1])
        }
    }
}
