import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutAdminAPI
import TurnoutCore
@testable import TurnoutGateway
import TurnoutLoad

/// Rolling and recreate releases of `process` versions, live: real instances of
/// examples/instances/tiny_model_server.py started by the gateway's supervisor, under continuous
/// load from `turnout load`'s generator. Conditions are waited for with generous bounds; nothing
/// asserts how long anything took.
@Suite("Managed instances: rolling and recreate under load", .serialized)
struct ManagedInstancesTests {
    static let server = BuiltinModelTests.root.appending(path: "examples/instances/tiny_model_server.py").path

    /// A model with two `process` versions of three instances each, starting on `release`;
    /// `v2Flags` are added to v2's command line.
    static func config(release: String, v2Flags: [String] = [], replicas: Int = 3) -> String {
        func version(_ name: String, _ flags: [String]) -> String {
            let command = (["python3", server, "--port", "{port}", "--version-label", name] + flags).map { "\"\($0)\"" }.joined(separator: ", ")
            return "      \(name): { process: { command: [\(command)], replicas: \(replicas), grace: 2s } }\n"
        }
        return """
            models:
              breast-cancer:
                protocol: v2
                unit: { header: x-user-id }
                versions:

            """ + version("v1", []) + version("v2", v2Flags) + "    release: \(release)\n"
    }

    static func model(_ gateway: GatewayHarness) async throws -> ModelAnswer {
        try await gateway.adminAnswer(ModelAnswer.self, "/api/v1/models/breast-cancer")
    }

    /// Polls the model until `condition` holds; fails after a bound far above what it needs.
    @discardableResult
    static func waitUntil(
        _ what: String, in gateway: GatewayHarness, bound: Duration = .seconds(90), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (ModelAnswer) -> Bool
    ) async throws -> ModelAnswer {
        let end = ContinuousClock.now + bound
        var last = try await model(gateway)
        while !condition(last) {
            guard ContinuousClock.now < end else {
                Issue.record("never \(what): \(last.release?.phase ?? "-") \(last.release?.reason ?? "") \(String(describing: last.instances))", sourceLocation: sourceLocation)
                throw Timeout()
            }
            try await Task.sleep(for: .milliseconds(100))
            last = try await model(gateway)
        }
        return last
    }

    struct Timeout: Error {}

    static func count(_ model: ModelAnswer, _ version: String, _ state: String) -> Int {
        model.instances?.counts(of: version)[state] ?? 0
    }

    static func startRelease(_ json: String, on gateway: GatewayHarness) async throws {
        let answer = try await HTTPClient.shared.send(.PUT, "\(gateway.adminURL)/api/v1/models/breast-cancer/release", body: ByteBuffer(string: json))
        #expect(answer.status == 200, "\(answer.text)")
    }

    /// Sends 100 requests a second until `body` returns, then reports what they got.
    static func underLoad(_ gateway: GatewayHarness, _ body: () async throws -> Void) async throws -> LoadReport {
        let generator = LoadGenerator(
            options: LoadOptions(url: gateway.baseURL, model: "breast-cancer", rate: 100, requests: 1_000_000, users: 500, concurrency: 64, seed: 7),
            data: try BuiltinModelTests.dataSet()
        )
        let load = Task { await generator.run() }
        do {
            try await body()
        } catch {
            load.cancel()
            _ = await load.value
            throw error
        }
        // A little more load after the release settled, so its final routing is exercised too.
        try await Task.sleep(for: .milliseconds(500))
        load.cancel()
        return await load.value
    }

    @Test("a rolling update of three instances under continuous load completes with no failed request")
    func rollingUpdate() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", v2Flags: ["--startup-delay", "0.3"])) { gateway in
            try await Self.waitUntil("three v1 instances ready", in: gateway) { Self.count($0, "v1", "ready") == 3 }
            let report = try await Self.underLoad(gateway) {
                try await Self.startRelease(#"{"strategy": "rolling", "from": "v1", "to": "v2", "max_surge": 1, "max_unavailable": 0}"#, on: gateway)
                let done = try await Self.waitUntil("completed", in: gateway) { $0.release?.phase == "completed" }
                #expect(done.release?.reason.contains("v2") == true)
            }
            #expect(report.requests > 0)
            #expect(report.succeeded == report.requests, "\(report.errors)")
            #expect((report.versions["v1"]?.answers ?? 0) > 0 && (report.versions["v2"]?.answers ?? 0) > 0, "\(report.versions)")
            let settled = try await Self.waitUntil("v1 stopped", in: gateway) { Self.count($0, "v1", "draining") + Self.count($0, "v1", "ready") == 0 }
            #expect(Self.count(settled, "v2", "ready") == 3)
            #expect(settled.weights["v2"] == 100)
        }
    }

    @Test("a rolling update whose new instances never become ready halts and rolls back on its own, with no failed request")
    func rollingNeverReady() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", v2Flags: ["--never-ready"])) { gateway in
            try await Self.waitUntil("three v1 instances ready", in: gateway) { Self.count($0, "v1", "ready") == 3 }
            let report = try await Self.underLoad(gateway) {
                try await Self.startRelease(
                    #"{"strategy": "rolling", "from": "v1", "to": "v2", "max_surge": 1, "max_unavailable": 0, "progress_deadline": "30s"}"#, on: gateway)
                try await Self.waitUntil("a v2 instance starting", in: gateway) { Self.count($0, "v2", "starting") > 0 }
                // The deadline passes on the controllers' clock.
                gateway.clock.advance(by: .seconds(31))
                let aborted = try await Self.waitUntil("aborted", in: gateway) { $0.release?.phase == "aborted" }
                #expect(aborted.release?.reason.contains("not available after") == true, "\(aborted.release?.reason ?? "")")
                try await Self.waitUntil("v2 stopped and v1 whole", in: gateway) {
                    Self.count($0, "v2", "starting") + Self.count($0, "v2", "ready") + Self.count($0, "v2", "draining") == 0
                        && Self.count($0, "v1", "ready") == 3
                }
            }
            #expect(report.requests > 0)
            #expect(report.succeeded == report.requests, "\(report.errors)")
            #expect(report.versions["v2"] == nil, "v2 never answered")
        }
    }

    @Test("a rolling update whose new version answers 20% errors is rolled back by its analysis")
    func rollingFailsAnalysis() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", v2Flags: ["--error-rate", "0.2"])) { gateway in
            try await Self.waitUntil("three v1 instances ready", in: gateway) { Self.count($0, "v1", "ready") == 3 }
            let report = try await Self.underLoad(gateway) {
                try await Self.startRelease(
                    #"{"strategy": "rolling", "from": "v1", "to": "v2", "max_surge": 1, "max_unavailable": 0, "analysis": {"interval": "1s", "min_requests": 20, "max_error_rate": 0.05, "failure_limit": 0}}"#,
                    on: gateway)
                try await Self.waitUntil("a v2 instance ready", in: gateway) { Self.count($0, "v2", "ready") > 0 }
                // The analysis looks once an interval has passed on the controllers' clock.
                let end = ContinuousClock.now + .seconds(60)
                while try await Self.model(gateway).release?.phase == "progressing", ContinuousClock.now < end {
                    try await Task.sleep(for: .milliseconds(500))
                    gateway.clock.advance(by: .seconds(1))
                }
                let aborted = try await Self.waitUntil("aborted", in: gateway) { $0.release?.phase == "aborted" }
                #expect(aborted.release?.reason.contains("error_rate") == true, "\(aborted.release?.reason ?? "")")
                try await Self.waitUntil("v2 stopped and v1 whole", in: gateway) {
                    Self.count($0, "v2", "starting") + Self.count($0, "v2", "ready") + Self.count($0, "v2", "draining") == 0
                        && Self.count($0, "v1", "ready") == 3
                }
            }
            // The errors are v2's own answers while it was judged, never the gateway's.
            #expect(report.errors["transport"] == nil && report.errors["503"] == nil, "\(report.errors)")
            #expect((report.errors["500"] ?? 0) > 0)
        }
    }

    @Test("recreate stops every old instance before it starts the new ones; with hold longer than the start-up, no request fails and the gap is reported")
    func recreate() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", v2Flags: ["--startup-delay", "0.5"], replicas: 2)) { gateway in
            try await Self.waitUntil("two v1 instances ready", in: gateway) { Self.count($0, "v1", "ready") == 2 }
            let report = try await Self.underLoad(gateway) {
                try await Self.startRelease(#"{"strategy": "recreate", "from": "v1", "to": "v2", "hold": "20s"}"#, on: gateway)
                // Never both at once: v2 starts only once nothing of v1 is left.
                let end = ContinuousClock.now + .seconds(90)
                var model = try await Self.model(gateway)
                while model.release?.phase != "completed", ContinuousClock.now < end {
                    let v1Alive = Self.count(model, "v1", "starting") + Self.count(model, "v1", "ready")
                    #expect(v1Alive == 0 || Self.count(model, "v2", "ready") == 0, "v1 and v2 served at once: \(String(describing: model.instances))")
                    try await Task.sleep(for: .milliseconds(50))
                    model = try await Self.model(gateway)
                }
                #expect(model.release?.phase == "completed")
            }
            #expect(report.requests > 0)
            #expect(report.succeeded == report.requests, "\(report.errors)")
            let model = try await Self.model(gateway)
            let instances = try #require(model.instances)
            #expect(instances.gapSeconds != nil)
            #expect(instances.heldRequests > 0, "requests arrived during the gap and waited")
            #expect(instances.refusedRequests == 0)
            let events = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/events?model=breast-cancer")
            #expect(events.text.contains("after a gap of"), "\(events.text)")
        }
    }

    /// Waits for a blue-green release to switch, lets its one-second watch pass on the
    /// controllers' clock, and waits for it to complete.
    @discardableResult
    static func switchAndComplete(_ gateway: GatewayHarness) async throws -> ModelAnswer {
        try await waitUntil("switched", in: gateway) { $0.release?.phase == "promoted" || $0.release?.phase == "completed" }
        gateway.clock.advance(by: .seconds(2))
        return try await waitUntil("completed", in: gateway) { $0.release?.phase == "completed" }
    }

    @Test("blue-green with process versions: the preview starts with the release, the old version runs through the rollback window so a rollback is instant, then stops")
    func blueGreen() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", v2Flags: ["--startup-delay", "0.3"], replicas: 1)) { gateway in
            try await Self.waitUntil("v1 ready", in: gateway) { Self.count($0, "v1", "ready") == 1 }
            #expect(Self.count(try await Self.model(gateway), "v2", "starting") + Self.count(try await Self.model(gateway), "v2", "ready") == 0, "v2 has no part yet")
            let release = #"{"strategy": "bluegreen", "active": "v1", "preview": "v2", "post_promotion": {"window": "1s"}, "rollback_window": "60s"}"#
            let report = try await Self.underLoad(gateway) {
                try await Self.startRelease(release, on: gateway)
                let completed = try await Self.switchAndComplete(gateway)
                #expect(completed.weights["v2"] == 100)
                #expect(Self.count(completed, "v1", "ready") == 1, "v1 still runs within the rollback window")
                let rollback = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/breast-cancer/rollback", body: ByteBuffer(string: #"{"reason": "test"}"#))
                #expect(rollback.status == 200, "\(rollback.text)")
                let back = try await Self.model(gateway)
                #expect(back.weights["v1"] == 100)
                #expect(Self.count(back, "v1", "ready") == 1, "the rollback needed no instance to start")
            }
            #expect(report.succeeded == report.requests, "\(report.errors)")
            // Switch again, and let the rollback window pass on the controllers' clock.
            let retry = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/breast-cancer/retry", body: ByteBuffer(string: #"{"reason": "test"}"#))
            #expect(retry.status == 200, "\(retry.text)")
            try await Self.switchAndComplete(gateway)
            gateway.clock.advance(by: .seconds(61))
            try await Self.waitUntil("v1 stopped once the window closed", in: gateway) {
                Self.count($0, "v1", "ready") + Self.count($0, "v1", "starting") + Self.count($0, "v1", "draining") == 0
            }
        }
    }

    /// Whether anything still accepts connections on `port` of the loopback (a plain connect: an
    /// HTTP client would retry a refused connection until its deadline).
    static func listening(_ port: Int) async -> Bool {
        guard let connection = try? await RawConnection.open(port: port) else { return false }
        await connection.close()
        return true
    }

    /// Waits until nothing listens on any of `ports` any more.
    static func waitUntilClosed(_ ports: [Int], bound: Duration = .seconds(30)) async -> Bool {
        let end = ContinuousClock.now + bound
        while ContinuousClock.now < end {
            var open = false
            for port in ports where await listening(port) { open = true }
            if !open { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("the instances end with the gateway: after SIGTERM, and after kill -9 (the kernel's parent-death signal)")
    func noOrphans() async throws {
        let directory = try TemporaryDirectory.make("orphans")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configFile = directory.appending(path: "turnout.yaml")
        let yaml = "listen: 127.0.0.1:0\nadmin: { listen: 127.0.0.1:0 }\nstore: none\n" + Self.config(release: "{ strategy: single, version: v1 }", replicas: 2)
        try yaml.write(to: configFile, atomically: true, encoding: .utf8)
        for stop in ["SIGTERM", "SIGKILL"] {
            let served = try await ServedTurnout.start(config: configFile)
            let end = ContinuousClock.now + .seconds(60)
            var ports: [Int] = []
            while ports.count < 2, ContinuousClock.now < end {
                let answer = try await HTTPClient.shared.send(.GET, "\(served.adminURL)/api/v1/models/breast-cancer")
                let model = try AdminJSON.decoder().decode(ModelAnswer.self, from: Data(answer.body.readableBytesView))
                ports = model.instances?.instances.filter { $0.state == "ready" }.compactMap(\.port) ?? []
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(ports.count == 2, "two instances ready before \(stop)")
            for port in ports { #expect(await Self.listening(port)) }
            if stop == "SIGKILL" { await served.kill() } else { #expect(await served.terminate() == 0) }
            #expect(await Self.waitUntilClosed(ports), "no instance outlives the gateway stopped by \(stop)")
        }
    }

    @Test("a version taken out of the configuration has its instances stopped")
    func removedVersion() async throws {
        try await GatewayHarness.run(Self.config(release: "{ strategy: single, version: v1 }", replicas: 1)) { gateway in
            let before = try await Self.waitUntil("v1 ready", in: gateway) { Self.count($0, "v1", "ready") == 1 }
            let port = try #require(before.instances?.instances.first { $0.version == "v1" }?.port)
            let onlyV2 = Self.config(release: "{ strategy: single, version: v2 }", replicas: 1).replacingOccurrences(
                of: #"      v1: \{[^\n]*\n"#, with: "", options: .regularExpression)
            #expect(!onlyV2.contains("v1:"))
            try await gateway.gateway.apply(try TurnoutConfig.parse(yaml: "listen: 127.0.0.1:0\nadmin: { listen: 127.0.0.1:0 }\n" + onlyV2))
            try await Self.waitUntil("v2 ready", in: gateway) { Self.count($0, "v2", "ready") == 1 }
            #expect(await Self.waitUntilClosed([port]), "v1's instance was stopped")
        }
    }
}
