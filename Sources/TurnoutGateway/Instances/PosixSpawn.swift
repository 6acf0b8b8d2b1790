#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Starts child processes with `posix_spawn`, for the process instance driver and the tests that
/// run the real `turnout` binary.
///
/// Not Foundation's `Process`: on Linux its `run()` intermittently crashes the whole process
/// (an over-read of `dirent.d_name` in `findMaximumOpenFromProcSelfFD`, swift-corelibs-foundation
/// PR #5472, in Swift 6.3).
package enum PosixSpawn {
    /// How a child's standard output or error is connected.
    package enum Stream: Sendable {
        /// A pipe whose read end the caller gets back.
        case pipe
        /// `/dev/null`.
        case null
        /// The spawning process's own stream.
        case inherit
    }

    /// A child that was started, with the read ends of the pipes made for its output.
    package struct Spawned: Sendable {
        package let pid: pid_t
        package let output: Int32?
        package let errors: Int32?
    }

    /// `posix_spawn` or `pipe` failed.
    package struct Failure: Error, CustomStringConvertible {
        package let executable: String
        package let code: Int32
        package var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Spawns `argv` (`argv[0]` an absolute path) with standard input from `/dev/null`.
    ///
    /// - Parameters:
    ///   - environment: `NAME=value` entries; `nil` inherits the caller's environment.
    ///   - ownProcessGroup: puts the child into a new process group whose id is its pid, so a
    ///     signal sent to the group also reaches the processes it starts.
    ///   - defaultSignals: starts the child with no signal blocked and every signal's default
    ///     action. Without it the child inherits the spawning thread's mask and the ignored
    ///     signals (NIO ignores `SIGPIPE`; a thread may block `SIGTERM`), and a server whose
    ///     `SIGTERM` is blocked can only be killed.
    package static func spawn(
        _ argv: [String],
        environment: [String]? = nil,
        output: Stream,
        errors: Stream,
        ownProcessGroup: Bool = false,
        defaultSignals: Bool = false
    ) throws -> Spawned {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var flags: Int32 = 0
        if ownProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        if defaultSignals {
            flags |= Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
            var none = sigset_t()
            sigemptyset(&none)
            posix_spawnattr_setsigmask(&attributes, &none)
            var all = sigset_t()
            sigfillset(&all)
            posix_spawnattr_setsigdefault(&attributes, &all)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        return try lock.withLock { _ in
            try spawnHoldingLock(argv, environment: environment, output: output, errors: errors, attributes: &attributes)
        }
    }

    /// The exit code in a `waitpid` status, or 128 + the signal that ended the process.
    package static func exitCode(_ raw: Int32) -> Int32 {
        raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    /// Held while pipes are made and a child is spawned. The pipes' ends cannot be created
    /// close-on-exec here (no `pipe2` in Glibc's module), so until they are marked, a child
    /// spawned by another thread would inherit them and hold the pipe open past its child's end.
    private static let lock = Mutex(())

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Glibc's module
    /// does not export.
    private static var addCloseFrom: AddCloseFrom? {
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }
    }

    private static func spawnHoldingLock(
        _ argv: [String],
        environment: [String]?,
        output: Stream,
        errors: Stream,
        attributes: inout posix_spawnattr_t
    ) throws -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let outputPipe = try connect(output, to: 1, actions: &actions)
        let errorPipe: (read: Int32, write: Int32)?
        do {
            errorPipe = try connect(errors, to: 2, actions: &actions)
        } catch {
            if let outputPipe { close(outputPipe.read); close(outputPipe.write) }
            throw error
        }
        // As Foundation's Process does, the child gets no other descriptor of this process: an
        // inherited socket would keep a connection open after this process closed it.
        if let addCloseFrom { _ = addCloseFrom(&actions, 3) }
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let environmentEntries = environment.map { $0.map { strdup($0) } + [nil] }
        defer { environmentEntries?.forEach { free($0) } }
        var child: pid_t = 0
        let code = environmentEntries.map { entries in
            posix_spawn(&child, argv[0], &actions, &attributes, arguments, entries)
        } ?? posix_spawn(&child, argv[0], &actions, &attributes, arguments, environ)
        // The parent keeps only the read ends.
        for pipe in [outputPipe, errorPipe].compactMap({ $0 }) { close(pipe.write) }
        guard code == 0 else {
            for pipe in [outputPipe, errorPipe].compactMap({ $0 }) { close(pipe.read) }
            throw Failure(executable: argv[0], code: code)
        }
        return Spawned(pid: child, output: outputPipe?.read, errors: errorPipe?.read)
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
            guard pipe(&ends) == 0 else { throw Failure(executable: "pipe", code: errno) }
            // Close-on-exec, so only the dup2'd copy reaches the child.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], fd)
            return (ends[0], ends[1])
        }
    }
}
