#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Starts instances as child processes of the gateway, listening on `127.0.0.1` at a free port.
///
/// Each child:
/// - runs as `setpriv --pdeathsig KILL -- <command>`, so the kernel kills it when the gateway
///   ends, even by `kill -9` (decision 0028-b);
/// - leads its own process group, so stopping it also stops the processes it started;
/// - has its standard output and error written to the log line by line, with the model, version
///   and instance as metadata.
package struct ProcessInstanceDriver: InstanceDriver {
    private let group: any EventLoopGroup
    private let logger: Logger
    private let setpriv: String

    /// - Parameters:
    ///   - group: the event loops that read the children's output.
    ///   - logger: where the children's output and starts go.
    ///   - setpriv: util-linux's `setpriv`, which sets the parent-death signal before it runs the command.
    package init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger, setpriv: String = "/usr/bin/setpriv") {
        self.group = group
        self.logger = logger
        self.setpriv = setpriv
    }

    /// The command is empty.
    package struct EmptyCommand: Error, CustomStringConvertible {
        package var description: String { "the instance's command is empty" }
    }

    package func start(_ launch: InstanceLaunch, name: InstanceName) async throws -> any InstanceHandle {
        try await startProcess(launch, name: name)
    }

    /// ``start(_:name:)`` with the concrete handle, whose pid the tests look at.
    package func startProcess(_ launch: InstanceLaunch, name: InstanceName) async throws -> ProcessInstance {
        guard !launch.command.isEmpty else { throw EmptyCommand() }
        let port = try await FreePort.pick(group: group)
        let argv = argv(launch, port: port)
        let environment = Self.environment(adding: launch.env(port: port))
        let spawned = try await SpawnThread.shared.runIfActive {
            try PosixSpawn.spawn(argv, environment: environment, output: .pipe, errors: .pipe, ownProcessGroup: true, defaultSignals: true)
        }
        let ending = ProcessEnding(pid: spawned.pid)
        let instanceLogger = logger(for: name)
        let lastErrorLine = LastOutputLine()
        var outputs: [any Channel] = []
        for (fd, stream) in [(spawned.output, "stdout"), (spawned.errors, "stderr")] {
            guard let fd else { continue }
            var streamLogger = instanceLogger
            streamLogger[metadataKey: "stream"] = .string(stream)
            if let channel = await readLines(from: fd, into: streamLogger, lastLine: stream == "stderr" ? lastErrorLine : nil) {
                outputs.append(channel)
            }
        }
        instanceLogger.info("instance started", metadata: ["pid": "\(spawned.pid)", "port": "\(port)"])
        return ProcessInstance(address: InstanceAddress(host: "127.0.0.1", port: port), ending: ending, lastErrorLine: lastErrorLine, outputs: outputs)
    }

    /// The child's argv: `setpriv` first, then `env -C` for the working directory (Glibc's
    /// module lacks `posix_spawn_file_actions_addchdir_np`), then the command with its port.
    package func argv(_ launch: InstanceLaunch, port: Int) -> [String] {
        let directory = launch.cwd.map { ["/usr/bin/env", "-C", $0] } ?? []
        return [setpriv, "--pdeathsig", "KILL", "--"] + directory + launch.command(port: port)
    }

    /// The gateway's environment with `added` over it, as `NAME=value` entries.
    static func environment(adding added: [String: String]) -> [String] {
        ProcessInfo.processInfo.environment.merging(added) { _, new in new }
            .map { "\($0.key)=\($0.value)" }
            .sorted()
    }

    private func logger(for name: InstanceName) -> Logger {
        var logger = logger
        logger[metadataKey: "model"] = .string(name.key.model)
        logger[metadataKey: "version"] = .string(name.key.version)
        logger[metadataKey: "instance"] = .stringConvertible(name.number)
        return logger
    }

    /// Reads `fd` line by line on the event loops; `nil` (and `fd` closed) when NIO cannot take it.
    private func readLines(from fd: Int32, into logger: Logger, lastLine: LastOutputLine?) async -> (any Channel)? {
        do {
            return try await NIOPipeBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(OutputLineDecoder()))
                        try channel.pipeline.syncOperations.addHandler(OutputLineLogger(logger: logger, lastLine: lastLine))
                    }
                }
                .takingOwnershipOfDescriptor(input: fd)
                .get()
        } catch {
            logger.warning("cannot read the instance's output", metadata: ["error": "\(error)"])
            close(fd)
            return nil
        }
    }
}
