#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import Synchronization
import Testing
import TurnoutGateway

/// The example model server and the helpers the instance tests share.
enum InstanceTestSupport {
    static let script = CommandLineTests.root.appending(path: "examples/instances/tiny_model_server.py").path

    /// The Python interpreter itself, not a version manager's shim: pyenv's runs shell scripts
    /// on every start, which doubles the cost of the many starts these tests make.
    static let python: String = {
        guard let outcome = try? ChildProcess.run("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"]),
              outcome.status == 0
        else { return "python3" }
        let path = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? "python3" : path
    }()

    /// The tiny model server on the instance's port, with `flags`.
    static func tinyServer(_ flags: [String] = [], grace: Duration = .seconds(5)) -> InstanceLaunch {
        InstanceLaunch(command: [python, script, "--port", "{port}"] + flags, grace: grace)
    }

    /// The status of `GET url`, or `nil` when nothing answers.
    static func status(of url: String) async -> UInt? {
        do {
            // Generous: under the full suite an instance can take seconds to answer; a stopped one is refused at once.
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(15))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status.code
        } catch {
            return nil
        }
    }

    /// Whether `pid` runs (a zombie, which a container's init may never reap, counts as ended).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards)
        else { return false }
        return !stat[afterName.upperBound...].hasPrefix("Z")
    }

    /// Whether `pid` runs `command` (it has exec'd it).
    static func runs(_ pid: Int32, _ command: String) -> Bool {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.hasPrefix(command) == true
    }

    /// Blocks until `pid` runs `command`, for at most a minute; for plain threads, not tasks.
    static func waitUntilRunning(_ pid: Int32, _ command: String) {
        for _ in 0..<6000 where !runs(pid, command) {
            usleep(10_000)
        }
    }

    /// The pids of `pid`'s children.
    static func children(of pid: Int32) -> [Int32] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until `condition` holds, failing the test when it does not within `timeout`.
    ///
    /// Generous, and checked once more at the deadline: in the full suite hundreds of tests share
    /// two cores, and this loop may not run for many seconds while the condition came true.
    static func eventually(timeout: Duration = .seconds(120), _ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        if try await condition() { return }
        Issue.record("not within \(timeout): \(what)")
    }
}

/// The process driver, remembering the pids of what it started.
final class RecordingDriver: InstanceDriver {
    let driver: ProcessInstanceDriver
    private let started = Mutex<[ProcessInstance]>([])

    init(logger: Logger) {
        driver = ProcessInstanceDriver(logger: logger)
    }

    var pids: [Int32] { started.withLock { $0.map(\.pid) } }

    func pid(listeningOn address: InstanceAddress) -> Int32? {
        started.withLock { $0.first { $0.address == address }?.pid }
    }

    func start(_ launch: InstanceLaunch, name: InstanceName) async throws -> any InstanceHandle {
        let instance = try await driver.startProcess(launch, name: name)
        started.withLock { $0.append(instance) }
        return instance
    }
}
