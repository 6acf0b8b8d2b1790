import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import TurnoutCore
@testable import TurnoutGateway

/// Gates against a real HTTP server in the test process: a new release held on its stable
/// version by `before_start`, a canary held by a gate that answers 500 or not at all until it
/// answers 200, the manual `confirm` gate released by
/// `turnout promote`, and an `after_rollback` told until it answers 200.
@Suite("Gates")
struct GateTests {
    /// A gate whose status the test sets; every request's JSON body is kept.
    final class GateServer: Sendable {
        let server: ScriptedModelServer
        let status: NIOLockedValueBox<Int>
        var url: String { server.url + "/gate" }

        init(status: Int) async throws {
            let box = NIOLockedValueBox(status)
            self.status = box
            server = try await ScriptedModelServer.start { _, _ in (box.withLockedValue { $0 }, "{}") }
        }

        var bodies: [[String: Any]] {
            server.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) as? [String: Any] }
        }
    }

    static func config(stable: String, canary: String, gates: String, extra: String = "") -> String {
        // Latency is not what these tests are about: two idle test servers on a loaded machine
        // may differ by more than the default 25%, which would abort the canary under them.
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 30}, {weight: 60}, {weight: 100}], analysis: { interval: 200ms, min_requests: 30, latency_p99_increase: 100 } }"
        return CanaryTests.config(stable: stable, canary: canary, release: release) + "\n    gates: \(gates)" + extra
    }

    static func model(_ gateway: GatewayHarness) async throws -> [String: Any] {
        try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json
    }

    /// Sends traffic and ticks until `condition` holds on the model's admin answer.
    static func drive(_ gateway: GatewayHarness, until condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        for round in 0..<300 {
            let model = try await Self.model(gateway)
            if condition(model) { return model }
            _ = try await CanaryTests.drive(gateway, requests: 50, seed: round)
            await gateway.tick()
        }
        Issue.record("the condition never held")
        return try await Self.model(gateway)
    }

    static func step(_ model: [String: Any]) -> Int? { (model["release"] as? [String: Any])?["step"] as? Int }

    /// Whether the canary has left its first step. Between two looks the gateway's own tick and
    /// the test's may both promote, so a look may never see step 1 itself.
    static func pastFirstStep(_ model: [String: Any]) -> Bool {
        let phase = (model["release"] as? [String: Any])?["phase"] as? String
        return (step(model) ?? 0) >= 1 || ["promoted", "completed"].contains(phase)
    }
    static func gate(_ model: [String: Any]) -> [String: Any]? { model["gate"] as? [String: Any] }

    @Test("a before_step gate answering 500 holds the canary at its step, shown in the status, until it answers 200")
    func holdThenProceed() async throws {
        let gate = try await GateServer(status: 500)
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, gates: "{before_step: \"\(gate.url)\"}")) { gateway in
            let held = try await Self.drive(gateway) { (Self.gate($0)?["attempts"] as? Int ?? 0) >= 2 }
            #expect(Self.step(held) == 0)
            #expect(Self.gate(held)?["gate"] as? String == "before_step")
            #expect(Self.gate(held)?["answer"] as? String == "HTTP 500")
            #expect(Self.gate(held)?["url"] as? String == gate.url)
            let body = try #require(gate.bodies.first)
            #expect(body["model"] as? String == "m" && body["gate"] as? String == "before_step" && body["step"] as? Int == 1)
            #expect((body["checks"] as? [[String: Any]])?.isEmpty == false)
            gate.status.withLockedValue { $0 = 200 }
            let moved = try await Self.drive(gateway) { Self.pastFirstStep($0) }
            #expect(Self.gate(moved) == nil)
        }
        for server in [gate.server, stable, canary] { try await server.stop() }
    }

    @Test("before_start holds a new release on its stable version, shown in the status, until it answers 200; then it takes traffic")
    func beforeStart() async throws {
        let gate = try await GateServer(status: 503)
        let receiver = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let config = Self.config(
            stable: stable.url, canary: canary.url, gates: "{before_start: \"\(gate.url)\", interval: 100ms}",
            extra: "\n    notify: [{url: \"\(receiver.url)\", on: [gate_waiting]}]"
        )
        try await GatewayHarness.run(config) { gateway in
            var held = CanaryTests.Traffic()
            let model = try await Self.drive(gateway) { model in
                (Self.gate(model)?["attempts"] as? Int ?? 0) >= 3
            }
            #expect(Self.gate(model)?["gate"] as? String == "before_start")
            #expect(Self.gate(model)?["answer"] as? String == "HTTP 503")
            #expect(Self.gate(model)?["url"] as? String == gate.url)
            #expect((model["release"] as? [String: Any])?["phase"] as? String == "progressing")
            #expect(Self.step(model) == 0)
            // Still held: every request goes to the stable version, however often the controller's turn comes.
            for round in 0..<5 {
                let traffic = try await CanaryTests.drive(gateway, requests: 40, seed: round)
                held.sent += traffic.sent
                held.byVersion.merge(traffic.byVersion, uniquingKeysWith: +)
                await gateway.tick()
            }
            #expect(held.byVersion == ["v1": held.sent], "\(held.byVersion)")
            #expect(Self.step(try await Self.model(gateway)) == 0)
            let body = try #require(gate.bodies.first)
            #expect(body["model"] as? String == "m" && body["gate"] as? String == "before_start" && body["phase"] as? String == "progressing")
            // Announced once per hold, not per attempt.
            try await ReloadTests.eventually(timeout: .seconds(60)) { !receiver.requests.isEmpty }
            #expect(receiver.requests.count == 1)

            gate.status.withLockedValue { $0 = 200 }
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                await gateway.tick()
                return Self.gate(try await Self.model(gateway)) == nil
            }
            let started = try await CanaryTests.drive(gateway, requests: 200, seed: 99)
            #expect((started.byVersion["v2"] ?? 0) > 0, "\(started.byVersion)")
            let asked = gate.server.requests.count
            let moved = try await Self.drive(gateway) { Self.pastFirstStep($0) }
            #expect(Self.gate(moved) == nil)
            #expect(gate.server.requests.count == asked, "a gate that answered 200 is not asked again")
        }
        for server in [gate.server, receiver, stable, canary] { try await server.stop() }
    }

    @Test("a gateway restarted while before_start holds asks it again instead of routing the new release")
    func beforeStartAfterRestart() async throws {
        let gate = try await GateServer(status: 503)
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let directory = try TemporaryDirectory.make("gate-restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = "store: sqlite:\(directory.path)/turnout.db\n"
            + Self.config(stable: stable.url, canary: canary.url, gates: "{before_start: \"\(gate.url)\", interval: 100ms}")
        try await GatewayHarness.run(config) { gateway in
            _ = try await Self.drive(gateway) { Self.gate($0)?["answer"] as? String == "HTTP 503" }
        }
        let askedBefore = gate.server.requests.count
        try await GatewayHarness.run(config) { gateway in
            let model = try await Self.drive(gateway) { (Self.gate($0)?["attempts"] as? Int ?? 0) >= 1 }
            #expect(Self.gate(model)?["gate"] as? String == "before_start")
            let traffic = try await CanaryTests.drive(gateway, requests: 100, seed: 3)
            #expect(traffic.byVersion == ["v1": traffic.sent], "\(traffic.byVersion)")
        }
        #expect(gate.server.requests.count > askedBefore)
        for server in [gate.server, stable, canary] { try await server.stop() }
    }

    @Test("an operator's promote goes through a before_start gate that holds")
    func beforeStartYieldsToOperator() async throws {
        let gate = try await GateServer(status: 503)
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, gates: "{before_start: \"\(gate.url)\"}")) { gateway in
            _ = try await Self.drive(gateway) { Self.gate($0)?["answer"] as? String == "HTTP 503" }
            let promoted = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
            #expect(promoted.status == 200, "\(promoted.text)")
            let model = try await Self.model(gateway)
            #expect(Self.gate(model) == nil)
            #expect(Self.step(model) == 1)
            let traffic = try await CanaryTests.drive(gateway, requests: 200, seed: 5)
            #expect((traffic.byVersion["v2"] ?? 0) > 0, "\(traffic.byVersion)")
        }
        for server in [gate.server, stable, canary] { try await server.stop() }
    }

    @Test("a gate that does not answer within its timeout holds the canary, with the reason")
    func timeout() async throws {
        let held = ShadowTests.Gate()
        let gate = try await ScriptedModelServer.start { _, _ in
            await held.wait()
            return (200, "{}")
        }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, gates: "{before_step: \"\(gate.url)\", timeout: 300ms}")) { gateway in
            let model = try await Self.drive(gateway) { Self.gate($0) != nil }
            #expect(Self.step(model) == 0)
            let answer = Self.gate(model)?["answer"] as? String ?? ""
            #expect(answer.contains("no answer within 0.3s"), "\(answer)")
            await held.release()
        }
        for server in [gate, stable, canary] { try await server.stop() }
    }

    @Test("confirm holds the last promotion until turnout promote, and announces gate_waiting once")
    func manualConfirm() async throws {
        let receiver = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let config = Self.config(
            stable: stable.url, canary: canary.url, gates: "{confirm: true}", extra: "\n    notify: [{url: \"\(receiver.url)\", on: [gate_waiting]}]"
        )
        try await GatewayHarness.run(config) { gateway in
            let held = try await Self.drive(gateway) { Self.step($0) == 1 && (Self.gate($0)?["attempts"] as? Int ?? 0) >= 2 }
            #expect((held["release"] as? [String: Any])?["phase"] as? String == "progressing")
            #expect(Self.gate(held)?["gate"] as? String == "confirm")
            #expect(Self.gate(held)?["answer"] as? String == "waiting for turnout promote m")
            #expect(Self.gate(held)?["url"] == nil)
            let promoted = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
            #expect(promoted.status == 200)
            #expect((promoted.json["release"] as? [String: Any])?["phase"] as? String == "promoted", "\(promoted.text)")
            // The gateway's own tick may complete the promoted release at once.
            #expect(["promoted", "completed"].contains(try await gateway.phase(of: "m")))
            #expect(Self.gate(try await Self.model(gateway)) == nil)
            try await ReloadTests.eventually(timeout: .seconds(60)) { !receiver.requests.isEmpty }
            #expect(receiver.requests.count == 1)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(receiver.requests[0].body.readableBytesView)) as? [String: Any])
            #expect(body["event"] as? String == "gate_waiting" && body["gate"] as? String == "confirm")
        }
        for server in [receiver, stable, canary] { try await server.stop() }
    }

    @Test("after_rollback is told of an abort, again each interval until it answers 200")
    func afterRollback() async throws {
        let gate = try await GateServer(status: 503)
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, gates: "{after_rollback: \"\(gate.url)\", interval: 1m}")) { gateway in
            let aborted = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/abort")
            #expect(aborted.status == 200)
            // A tick of the gateway's own may be asking meanwhile: wait for the answer, not for one tick.
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                await gateway.tick()
                return Self.gate(try await Self.model(gateway))?["answer"] as? String == "HTTP 503"
            }
            let model = try await Self.model(gateway)
            #expect(Self.gate(model)?["gate"] as? String == "after_rollback")
            #expect(gate.bodies.first?["phase"] as? String == "aborted")
            await gateway.tick()
            #expect(gate.server.requests.count == 1)
            gate.status.withLockedValue { $0 = 200 }
            gateway.clock.advance(by: .seconds(61))
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                await gateway.tick()
                return Self.gate(try await Self.model(gateway)) == nil
            }
            #expect(gate.server.requests.count == 2)
        }
        for server in [gate.server, stable, canary] { try await server.stop() }
    }
}
