#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Testing
import TurnoutGateway

/// The process driver against real child processes.
@Suite("Process instance driver", .serialized)
struct ProcessInstanceDriverTests {
    typealias Support = InstanceTestSupport
    let name = InstanceName(key: InstanceKey(model: "breast-cancer", version: "v1"), number: 1)

    @Test("a started server listens on its port, its output is logged with its names, and SIGTERM ends it cleanly")
    func startAndStop() async throws {
        let log = CapturedLog()
        let driver = ProcessInstanceDriver(logger: log.logger)
        let instance = try await driver.startProcess(Support.tinyServer(), name: name)
        let ready = instance.address.url + "/v2/health/ready"
        try await Support.eventually("the server answers") { await Support.status(of: ready) == 200 }
        try await Support.eventually("its output is in the log") {
            log.contains("listening on 127.0.0.1:\(instance.address.port) instance=1 model=breast-cancer stream=stdout version=v1")
        }
        let exit = await instance.stop(grace: .seconds(10))
        #expect(exit.status == .exited(0))
        #expect(log.contains("tiny_model_server stopped"))
        #expect(!Support.isRunning(instance.pid))
    }

    @Test("{port}, the environment and the working directory reach the command")
    func launchSettings() async throws {
        let log = CapturedLog()
        let driver = ProcessInstanceDriver(logger: log.logger)
        let launch = InstanceLaunch(command: ["sh", "-c", "echo \"$GREETING on {port} in $(pwd)\""], env: ["GREETING": "hello {port}"], cwd: "/tmp")
        let instance = try await driver.startProcess(launch, name: name)
        let exit = await instance.exit()
        #expect(exit.status == .exited(0))
        let port = instance.address.port
        #expect(log.contains("hello \(port) on \(port) in /tmp"))
    }

    @Test("an exit reports its status and the last line written to standard error")
    func exitReport() async throws {
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let instance = try await driver.startProcess(InstanceLaunch(command: ["sh", "-c", "echo first >&2; echo boom >&2; exit 3"]), name: name)
        let exit = await instance.exit()
        #expect(exit.status == .exited(3))
        #expect(exit.description == "exited with status 3: boom")
    }

    @Test("a child that ignores SIGTERM is killed after its grace")
    func killAfterGrace() async throws {
        let log = CapturedLog()
        let driver = ProcessInstanceDriver(logger: log.logger)
        let launch = InstanceLaunch(command: ["sh", "-c", "trap '' TERM; echo trapped; while :; do sleep 0.1; done"])
        let instance = try await driver.startProcess(launch, name: name)
        try await Support.eventually("the trap is set") { log.contains("trapped") }
        let exit = await instance.stop(grace: .milliseconds(300))
        #expect(exit.status == .signalled(SIGKILL))
        #expect(!Support.isRunning(instance.pid))
    }

    @Test("stopping reaches the processes a shell wrapper started, through the process group")
    func stopReachesGrandchildren() async throws {
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let launch = InstanceLaunch(command: ["sh", "-c", "'\(Support.python)' '\(Support.script)' --port {port} & wait"])
        let instance = try await driver.startProcess(launch, name: name)
        try await Support.eventually("the server answers") { await Support.status(of: instance.address.url + "/v2/health/ready") == 200 }
        let grandchildren = Support.children(of: instance.pid)
        #expect(!grandchildren.isEmpty)
        let exit = await instance.stop(grace: .seconds(10))
        #expect(exit.status == .signalled(SIGTERM))
        try await Support.eventually("the shell's child ended") { grandchildren.allSatisfy { !Support.isRunning($0) } }
    }

    @Test("a child started the driver's way is killed when its parent is killed with SIGKILL")
    func noOrphanAfterParentKill() async throws {
        // The driver's own argv for the command, run from a shell that stands in for the gateway.
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let argv = driver.argv(InstanceLaunch(command: ["sleep", "300"]), port: 0)
        let quoted = argv.map { "'\($0)'" }.joined(separator: " ")
        let parent = try ChildProcess("/bin/sh", ["-c", "\(quoted) & echo $!; wait"], errors: .null)
        defer { parent.signal(SIGKILL); parent.waitForExit() }
        let line = String(decoding: parent.output?.availableLine() ?? Data(), as: UTF8.self)
        let child = try #require(Int32(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Only once setpriv has run the command is the parent-death signal set.
        try await Support.eventually("sleep runs") { Support.runs(child, "sleep") }
        parent.signal(SIGKILL)
        parent.waitForExit()
        try await Support.eventually("the orphan ended") { !Support.isRunning(child) }
        if Support.isRunning(child) { kill(child, SIGKILL) }
    }
}

extension ProcessInstanceDriverTests {
    @Test("the parent-death signal follows the spawning thread, so the driver spawns from one that lasts")
    func spawnThread() async throws {
        // What the driver avoids: a child spawned from a thread that then ends is killed.
        let driver = ProcessInstanceDriver(logger: CapturedLog().logger)
        let argv = driver.argv(InstanceLaunch(command: ["sleep", "300"]), port: 0)
        let spawned = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let result = Result { try PosixSpawn.spawn(argv, output: .null, errors: .null, defaultSignals: true) }
                // The thread ends only once setpriv has set the signal and run the command.
                if case .success(let spawned) = result { Support.waitUntilRunning(spawned.pid, "sleep") }
                continuation.resume(with: result)
            }
        }
        try await Support.eventually("the child of the ended thread is killed") { !Support.isRunning(spawned.pid) }
        if Support.isRunning(spawned.pid) { kill(spawned.pid, SIGKILL) }
        var raw: Int32 = 0
        waitpid(spawned.pid, &raw, 0)
        #expect(PosixSpawn.exitCode(raw) == 128 + SIGKILL)

        // The driver's child, asked for from a thread that ends, keeps running.
        let instance = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                Task { continuation.resume(with: await Result { try await driver.startProcess(Support.tinyServer(), name: name) }) }
            }
        }
        try await Support.eventually("the server answers") { await Support.status(of: instance.address.url + "/v2/health/ready") == 200 }
        #expect(Support.isRunning(instance.pid))
        let exit = await instance.stop(grace: .seconds(10))
        #expect(exit.status == .exited(0))
    }
}

extension Result where Failure == any Error {
    fileprivate init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension FileHandle {
    /// Reads up to the first newline.
    fileprivate func availableLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            guard let first = byte.first, first != UInt8(ascii: "\n") else { return line }
            line.append(first)
        }
    }
}
