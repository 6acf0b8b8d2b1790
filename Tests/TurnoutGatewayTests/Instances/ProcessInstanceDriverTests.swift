#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Testing
import TurnoutGateway

/// The process driver against real child processes.
@Suite("Process instance driver")
struct ProcessInstanceDriverTests {
    typealias Support = InstanceTestSupport
    let name = InstanceName(key: InstanceKey(model: "breast-cancer", version: "v1"), number: 1)

    @Test("a started server listens on its port, its output is logged with its names, and SIGTERM ends it cleanly")
    func startAndStop() async throws {
        let log = InstanceLog()
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
        let log = InstanceLog()
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
        let driver = ProcessInstanceDriver(logger: InstanceLog().logger)
        let instance = try await driver.startProcess(InstanceLaunch(command: ["sh", "-c", "echo first >&2; echo boom >&2; exit 3"]), name: name)
        let exit = await instance.exit()
        #expect(exit.status == .exited(3))
        #expect(exit.description == "exited with status 3: boom")
    }

    @Test("a child that ignores SIGTERM is killed after its grace")
    func killAfterGrace() async throws {
        let log = InstanceLog()
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
        let driver = ProcessInstanceDriver(logger: InstanceLog().logger)
        let launch = InstanceLaunch(command: ["sh", "-c", "python3 '\(Support.script)' --port {port} & wait"])
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
        let driver = ProcessInstanceDriver(logger: InstanceLog().logger)
        let argv = driver.argv(InstanceLaunch(command: ["sleep", "300"]), port: 0)
        let quoted = argv.map { "'\($0)'" }.joined(separator: " ")
        let parent = try ChildProcess("/bin/sh", ["-c", "\(quoted) & echo $!; wait"], errors: .null)
        defer { parent.signal(SIGKILL); parent.waitForExit() }
        let line = String(decoding: parent.output?.availableLine() ?? Data(), as: UTF8.self)
        let child = try #require(Int32(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Only once setpriv has run the command is the parent-death signal set.
        try await Support.eventually("sleep runs") {
            (try? String(contentsOfFile: "/proc/\(child)/comm", encoding: .utf8))?.hasPrefix("sleep") == true
        }
        parent.signal(SIGKILL)
        parent.waitForExit()
        try await Support.eventually("the orphan ended") { !Support.isRunning(child) }
        if Support.isRunning(child) { kill(child, SIGKILL) }
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
