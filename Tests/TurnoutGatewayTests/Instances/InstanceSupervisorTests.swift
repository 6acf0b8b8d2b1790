#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AsyncHTTPClient
import Foundation
import Testing
import TurnoutGateway

/// The supervisor against real child processes: the tiny model server and shell commands.
@Suite("Instance supervisor", .serialized)
struct InstanceSupervisorTests {
    typealias Support = InstanceTestSupport
    let key = InstanceKey(model: "breast-cancer", version: "v1")

    /// Short drain delay: the tests send no requests that would need it. A long probe timeout,
    /// so a ready instance does not leave the ready set because the full suite starves the probe.
    static var timing: InstanceTiming {
        var timing = InstanceTiming()
        timing.drainDelay = .milliseconds(200)
        timing.probeTimeout = .seconds(10)
        return timing
    }

    @Test("instances become ready, scaling 3 to 1 drains the two newest at once, and the same count changes nothing")
    func scaleUpAndDown() async throws {
        let driver = RecordingDriver(logger: CapturedLog().logger)
        let started = Date(timeIntervalSince1970: 1_700_000_000)
        let supervisor = InstanceSupervisor(driver: driver, logger: CapturedLog().logger, timing: Self.timing, now: { started })
        let changes = await supervisor.readySetChanges()
        await supervisor.setReplicas(3, of: key, launch: Support.tinyServer())
        try await Support.eventually("three ready") { await supervisor.readyAddresses(of: key).count == 3 }
        for address in await supervisor.readyAddresses(of: key) {
            #expect(await Support.status(of: address.url + "/v2/health/ready") == 200)
        }
        #expect(await supervisor.instances(of: key).map(\.readySince) == [started, started, started])
        var iterator = changes.makeAsyncIterator()
        #expect(await iterator.next() != nil)

        let startedBefore = driver.pids.count
        await supervisor.setReplicas(3, of: key, launch: Support.tinyServer())
        #expect(await supervisor.instances(of: key).map(\.number) == [1, 2, 3])
        #expect(driver.pids.count == startedBefore)

        let drained = Array(await supervisor.readyAddresses(of: key).suffix(2))
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer())
        #expect(await supervisor.readyAddresses(of: key).count == 1)
        #expect(await supervisor.instances(of: key).map(\.state) == [.ready, .draining, .draining])
        try await Support.eventually("the drained ones stopped") { await supervisor.instances(of: key).count == 1 }
        #expect(await supervisor.instances(of: key).first?.number == 1)
        for address in drained {
            #expect(await Support.status(of: address.url + "/v2/health/ready") == nil)
        }
        await supervisor.shutdown()
    }

    @Test("a drained instance answers the request it is working on before it stops")
    func drainFinishesInFlight() async throws {
        let log = CapturedLog()
        let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: log.logger), logger: log.logger, timing: Self.timing)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer(["--infer-delay", "2"]))
        try await Support.eventually("ready") { await supervisor.readyAddresses(of: key).count == 1 }
        let address = try #require(await supervisor.readyAddresses(of: key).first)
        let answer = Task {
            try await HTTPClient.shared.send(.POST, address.url + "/v2/models/breast-cancer/infer", body: try TinyModelServerTests.request)
        }
        try await Support.eventually("the request arrived") { log.contains("infer request delayed") }
        await supervisor.setReplicas(0, of: key, launch: Support.tinyServer(["--infer-delay", "2"]))
        #expect(await supervisor.readyAddresses(of: key).isEmpty)
        #expect(try await answer.value.status == 200)
        try await Support.eventually("stopped") { await supervisor.instances(of: key).isEmpty }
        #expect(log.contains("tiny_model_server stopped"))
        await supervisor.shutdown()
    }

    @Test("scaling down drains an instance that is not ready before a ready one")
    func drainsUnreadyFirst() async throws {
        let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: CapturedLog().logger), logger: CapturedLog().logger, timing: Self.timing)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer(["--never-ready"]))
        await supervisor.setReplicas(2, of: key, launch: Support.tinyServer())
        try await Support.eventually("the second is ready") { await supervisor.readyAddresses(of: key).count == 1 }
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer())
        #expect(await supervisor.instances(of: key).map(\.state) == [.draining, .ready])
        try await Support.eventually("the unready one stopped") { await supervisor.instances(of: key).map(\.number) == [2] }
        await supervisor.shutdown()
    }

    @Test("a server that is never ready stays starting and out of the ready set")
    func neverReady() async throws {
        let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: CapturedLog().logger), logger: CapturedLog().logger, timing: Self.timing)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer(["--never-ready"]))
        try await Support.eventually("the server answers not ready") {
            guard let address = await supervisor.instances(of: key).first?.address else { return false }
            return await Support.status(of: address.url + "/v2/health/ready") == 503
        }
        // Several probe periods, in which a wrong verdict would have shown.
        try await Task.sleep(for: .seconds(1))
        #expect(await supervisor.instances(of: key).map(\.state) == [.starting])
        #expect(await supervisor.readyAddresses(of: key).isEmpty)
        await supervisor.shutdown()
    }

    @Test("a crashing instance is restarted, reported as failed in a crash loop with the reason, and still retried")
    func crashLoop() async throws {
        let log = CapturedLog()
        var timing = Self.timing
        // Three starts of Python may take minutes when the full suite loads the machine.
        timing.crashLoopWindow = .seconds(600)
        let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: log.logger), logger: log.logger, timing: timing)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer(["--never-ready", "--crash-after", "0.2"]))
        try await Support.eventually("restarted once") { await supervisor.instances(of: key).first?.restarts ?? 0 >= 1 }
        // The last stderr line is read within a linger after the exit, which a starved event loop may miss.
        #expect(await supervisor.instances(of: key).first?.lastExit?.hasPrefix("exited with status 1") == true)
        try await Support.eventually("reported as a crash loop") {
            if case .failed = await supervisor.instances(of: key).first?.state { return true }
            return false
        }
        let failed = try #require(await supervisor.instances(of: key).first)
        if case .failed(let reason) = failed.state {
            #expect(reason.hasPrefix("exited with status 1"))
        }
        #expect(log.contains("warning instance in a crash loop"))
        try await Support.eventually("retried after being reported") {
            await supervisor.instances(of: key).first?.restarts ?? 0 > failed.restarts
        }
        await supervisor.shutdown()
    }

    @Test("an instance that crashes after it was ready leaves the ready set and comes back")
    func restartAfterReady() async throws {
        let supervisor = InstanceSupervisor(driver: ProcessInstanceDriver(logger: CapturedLog().logger), logger: CapturedLog().logger, timing: Self.timing)
        // Long enough for a probe to find it ready before it crashes, also in the loaded full suite.
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer(["--crash-after", "4"]))
        try await Support.eventually("ready again after a restart") {
            let instance = await supervisor.instances(of: key).first
            return instance?.restarts ?? 0 >= 1 && instance?.state == .ready
        }
        await supervisor.shutdown()
    }

    @Test("a ready instance that stops answering its probe leaves the ready set until it answers again")
    func unreadyAfterFailedProbes() async throws {
        let driver = RecordingDriver(logger: CapturedLog().logger)
        var timing = Self.timing
        timing.probeTimeout = .seconds(1)
        let supervisor = InstanceSupervisor(driver: driver, logger: CapturedLog().logger, timing: timing)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer())
        try await Support.eventually("ready") { await supervisor.readyAddresses(of: key).count == 1 }
        let address = try #require(await supervisor.readyAddresses(of: key).first)
        let pid = try #require(driver.pid(listeningOn: address))
        // A stopped process holds its port but answers nothing: its probes time out.
        kill(pid, SIGSTOP)
        try await Support.eventually("out of the ready set") { await supervisor.readyAddresses(of: key).isEmpty }
        #expect(await supervisor.instances(of: key).map(\.state) == [.starting])
        kill(pid, SIGCONT)
        try await Support.eventually("back in the ready set") { await supervisor.readyAddresses(of: key) == [address] }
        #expect(await supervisor.instances(of: key).first?.restarts == 0)
        await supervisor.shutdown()
    }

    @Test("shutdown stops every instance, one that ignores SIGTERM too, and leaves no child running")
    func shutdownLeavesNothing() async throws {
        let driver = RecordingDriver(logger: CapturedLog().logger)
        let supervisor = InstanceSupervisor(driver: driver, logger: CapturedLog().logger, timing: Self.timing)
        let stubborn = InstanceKey(model: "breast-cancer", version: "stubborn")
        await supervisor.setReplicas(2, of: key, launch: Support.tinyServer())
        await supervisor.setReplicas(1, of: stubborn, launch: InstanceLaunch(command: ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"], grace: .milliseconds(300)))
        try await Support.eventually("two ready") { await supervisor.readyAddresses(of: key).count == 2 }
        // At least: a server that lost its port to another process in the full suite was restarted.
        #expect(driver.pids.count >= 3)
        await supervisor.shutdown()
        #expect(driver.pids.allSatisfy { !Support.isRunning($0) })
        #expect(await supervisor.instances(of: key).isEmpty)
        #expect(await supervisor.instances(of: stubborn).isEmpty)
        await supervisor.setReplicas(1, of: key, launch: Support.tinyServer())
        #expect(await supervisor.instances(of: key).isEmpty)
    }

    @Test("the restart backoff doubles up to its maximum")
    func backoffDoubles() {
        let timing = InstanceTiming()
        var backoffs = [timing.firstBackoff]
        while backoffs.count < 10 { backoffs.append(timing.backoff(after: backoffs.last!)) }
        #expect(backoffs.map { $0.components.seconds } == [0, 1, 2, 4, 8, 16, 30, 30, 30, 30])
    }
}
