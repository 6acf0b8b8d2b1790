#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Testing
import TurnoutGateway

/// No orphans when the process that owns a supervisor is killed with `SIGKILL`: this test bundle
/// runs itself as that process (the ``hostSupervisorUntilKilled()`` test, enabled only there), kills it, and checks
/// that its instances ended with it.
@Suite("Instance host process")
struct InstanceHostProcessTests {
    typealias Support = InstanceTestSupport
    static let hostVariable = "TURNOUT_TEST_INSTANCE_HOST"
    static let pidPrefix = "instance-host-pid "

    @Test("the instances of a supervisor's process end when it is killed with SIGKILL")
    func noOrphansAfterKill() async throws {
        let host = try ChildProcess(
            "/usr/bin/env",
            ["\(Self.hostVariable)=1", CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter", "hostSupervisorUntilKilled"],
            errors: .null
        )
        defer { host.signal(SIGKILL); host.waitForExit() }
        let pids = await Self.instancePids(announcedBy: host, count: 2)
        try #require(pids.count == 2)
        #expect(pids.allSatisfy(Support.isRunning))
        host.signal(SIGKILL)
        host.waitForExit()
        try await Support.eventually("the instances ended with their supervisor's process") {
            pids.allSatisfy { !Support.isRunning($0) }
        }
    }

    @Test("hosts a supervisor until it is killed (run by the test above)", .enabled(if: ProcessInfo.processInfo.environment[hostVariable] != nil))
    func hostSupervisorUntilKilled() async throws {
        let driver = RecordingDriver(logger: CapturedLog().logger)
        let supervisor = InstanceSupervisor(driver: driver, logger: CapturedLog().logger)
        let key = InstanceKey(model: "breast-cancer", version: "v1")
        await supervisor.setReplicas(2, of: key, launch: Support.tinyServer())
        try await Support.eventually("two ready") { await supervisor.readyAddresses(of: key).count == 2 }
        // The ready instances' pids, not every pid started: under load a slow first probe can
        // restart an instance, and the process it replaced is already gone.
        let pids = await supervisor.readyAddresses(of: key).compactMap(driver.pid(listeningOn:))
        // Written straight to the descriptor: print's buffer would hold it back from the pipe.
        let lines = pids.map { "\(Self.pidPrefix)\($0)\n" }.joined()
        FileHandle.standardOutput.write(Data(lines.utf8))
        try await Task.sleep(for: .seconds(600))
    }

    /// The pids the host prints, read on a thread of its own since the read blocks.
    private static func instancePids(announcedBy host: ChildProcess, count: Int) async -> [Int32] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var pids: [Int32] = []
                var pending = Data()
                while pids.count < count, let output = host.output {
                    let chunk = output.availableData
                    if chunk.isEmpty { break }
                    pending.append(chunk)
                    let text = String(decoding: pending, as: UTF8.self)
                    pids = text.split(separator: "\n").compactMap { line in
                        line.hasPrefix(pidPrefix) ? Int32(line.dropFirst(pidPrefix.count)) : nil
                    }
                }
                continuation.resume(returning: pids)
            }
        }
    }
}
