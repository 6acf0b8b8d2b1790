import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutStore
@testable import TurnoutGateway

/// Canary releases against real model servers: the controller's analysis of the canary against
/// the stable version on the same traffic, and what it does about it.
@Suite("Canary releases")
struct CanaryTests {
    /// What a stretch of traffic came to.
    struct Traffic: Sendable {
        var sent = 0
        var failed = 0
        /// The first few failed answers, status and body, for the message of a failed expectation.
        var failures: [String] = []
        var byVersion: [String: Int] = [:]
        /// The versions each user was answered by, in order.
        var seen: [String: [String]] = [:]
    }

    static func config(stable: String, canary: String, release: String) -> String {
        """
        models:
          m:
            protocol: v2
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(stable)"], probe: false }
              v2: { upstream: ["\(canary)"], probe: false }
            release: \(release)
        """
    }

    /// A model server that answers after `delay`, failing every `failEvery`-th request with 500.
    static func server(delay: Duration = .zero, failEvery: Int? = nil) async throws -> ScriptedModelServer {
        let counter = NIOLockedValueBox(0)
        return try await ScriptedModelServer.start { _, _ in
            let count = counter.withLockedValue { value -> Int in
                value += 1
                return value
            }
            if delay > .zero { try? await Task.sleep(for: delay) }
            if let failEvery, count % failEvery == 0 { return (500, #"{"error":"model failed"}"#) }
            return (200, ShadowTests.answer(probabilities: [0.7], labels: [1]))
        }
    }

    /// Sends `requests` requests from `workers` concurrent clients, users drawn from 300.
    static func drive(_ gateway: GatewayHarness, requests: Int, workers: Int = 4, seed: Int) async throws -> Traffic {
        try await withThrowingTaskGroup(of: Traffic.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var traffic = Traffic()
                    for index in stride(from: worker, to: requests, by: workers) {
                        let user = "u\((index * 7_919 + seed * 104_729) % 300)"
                        let answer = try await HTTPClient.shared.send(
                            .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", user)], body: ShadowTests.request(0.7, 0)
                        )
                        traffic.sent += 1
                        if answer.status != 200 {
                            traffic.failed += 1
                            if traffic.failures.count < 5 { traffic.failures.append("\(answer.status) \(answer.text.prefix(300))") }
                        }
                        let version = answer.version ?? "none"
                        traffic.byVersion[version, default: 0] += 1
                        traffic.seen[user, default: []].append(version)
                    }
                    return traffic
                }
            }
            var total = Traffic()
            for try await part in group {
                total.sent += part.sent
                total.failed += part.failed
                total.failures += part.failures
                total.byVersion.merge(part.byVersion, uniquingKeysWith: +)
                total.seen.merge(part.seen, uniquingKeysWith: +)
            }
            return total
        }
    }

    static func release(_ gateway: GatewayHarness) async throws -> [String: Any] {
        let status = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json
        return status["release"] as? [String: Any] ?? [:]
    }

    static func events(_ gateway: GatewayHarness) async throws -> [[String: Any]] {
        let answer = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m&limit=100").json
        return (answer["events"] as? [[String: Any]] ?? []).reversed()
    }

    /// Drives traffic in batches of 100 requests, a controller round after each, until the
    /// release reaches one of `phases` or `rounds` batches were sent.
    ///
    /// Bounded by rounds of evidence rather than a deadline, so a loaded machine makes the test
    /// slower, not red; the ticker still runs too, so a round skipped because the analysis
    /// interval had not passed yet costs nothing.
    static func driveUntil(_ gateway: GatewayHarness, phases: Set<String>, rounds: Int = 300) async throws -> (Traffic, String) {
        var traffic = Traffic()
        for round in 0..<rounds {
            let phase = try await release(gateway)["phase"] as? String ?? ""
            if phases.contains(phase) { return (traffic, phase) }
            let part = try await drive(gateway, requests: 100, seed: round)
            traffic.sent += part.sent
            traffic.failed += part.failed
            traffic.failures += part.failures
            traffic.byVersion.merge(part.byVersion, uniquingKeysWith: +)
            traffic.seen.merge(part.seen, uniquingKeysWith: +)
            await gateway.tick()
        }
        return (traffic, try await release(gateway)["phase"] as? String ?? "")
    }

    @Test("a healthy canary goes through every step to completion, and no user goes back once on the canary")
    func healthyCanaryCompletes() async throws {
        let stable = try await Self.server()
        let canary = try await Self.server()
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 20}, {weight: 50}, {weight: 100}], analysis: { interval: 300ms, min_requests: 40 } }"
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            let (traffic, phase) = try await Self.driveUntil(gateway, phases: ["completed", "aborted", "paused"])
            let final = try await Self.release(gateway)
            #expect(phase == "completed", "\(final)")
            #expect(traffic.failed == 0, "\(traffic.failures)")
            let actions = try await Self.events(gateway).compactMap { $0["action"] as? String }
            #expect(actions == ["start", "promote", "promote", "complete"], "\(actions)")
            // Sticky assignment: a user who reached the canary stays on it while the weight grows.
            let wentBack = traffic.seen.filter { _, versions in
                guard let first = versions.firstIndex(of: "v2") else { return false }
                return versions[first...].contains("v1")
            }
            #expect(wentBack.isEmpty, "\(wentBack.keys.sorted())")
            let after = try await Self.drive(gateway, requests: 40, seed: 99)
            #expect(after.byVersion == ["v2": 40])
            let model = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json
            let analysis = model["analysis"] as? [String: Any]
            #expect((analysis?["checks"] as? [[String: Any]])?.map { $0["name"] as? String } == ["error_rate", "latency"])
            // Each step keeps its own last look, so the earlier steps' verdicts stay visible.
            let perStep = model["step_analyses"] as? [[String: Any]] ?? []
            let steps = perStep.compactMap { $0["step"] as? Int }
            #expect(Array(steps.prefix(2)) == [0, 1] && steps == steps.sorted(), "\(perStep)")
            for look in perStep.prefix(2) {
                let checks = look["checks"] as? [[String: Any]] ?? []
                #expect(checks.map { $0["name"] as? String } == ["error_rate", "latency"] && checks.allSatisfy { $0["verdict"] as? String == "pass" }, "\(look)")
            }
        }
        try await stable.stop()
        try await canary.stop()
    }

    @Test("a canary failing 10% of requests is aborted on its own; failed requests stay within its share")
    func failingCanaryIsAborted() async throws {
        let stable = try await Self.server()
        let canary = try await Self.server(failEvery: 10)
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 20, pause: 1h}, {weight: 100}], analysis: { interval: 200ms, min_requests: 50 } }"
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            let (traffic, phase) = try await Self.driveUntil(gateway, phases: ["aborted", "completed", "promoted"])
            #expect(phase == "aborted")
            #expect(traffic.failed > 0)
            // Only the canary fails, and it had a fifth of the users.
            #expect(Double(traffic.failed) <= 0.1 * Double(traffic.byVersion["v2"] ?? 0) + 1)
            #expect(Double(traffic.byVersion["v2"] ?? 0) <= 0.35 * Double(traffic.sent), "\(traffic.byVersion)")
            let abort = try await Self.events(gateway).last
            #expect(abort?["action"] as? String == "abort")
            #expect(abort?["actor"] as? String == "controller")
            let reason = abort?["reason"] as? String ?? ""
            #expect(reason.contains("error rate"), "\(reason)")
            let after = try await Self.drive(gateway, requests: 40, seed: 7)
            #expect(after.byVersion == ["v1": 40] && after.failed == 0, "\(after.byVersion) \(after.failures)")
            let status = try await CommandLineTests.runOffPool(["status", "m", "--server", gateway.adminURL])
            #expect(status.output.contains("m analysis: canary v2 failed analysis"), "\(status.output)")
            #expect(status.output.contains("  error_rate: fail — canary error rate"), "\(status.output)")
        }
        try await stable.stop()
        try await canary.stop()
    }

    @Test("a canary 50% slower is aborted on latency")
    func slowCanaryIsAborted() async throws {
        let stable = try await Self.server(delay: .milliseconds(20))
        let canary = try await Self.server(delay: .milliseconds(30))
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 30, pause: 1h}, {weight: 100}], analysis: { interval: 300ms, min_requests: 40 } }"
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            let (traffic, phase) = try await Self.driveUntil(gateway, phases: ["aborted", "completed", "promoted"])
            #expect(phase == "aborted")
            #expect(traffic.failed == 0, "\(traffic.failures)")
            let abort = try await Self.events(gateway).last
            let reason = abort?["reason"] as? String ?? ""
            #expect(reason.contains("latency"), "\(reason)")
        }
        try await stable.stop()
        try await canary.stop()
    }

    @Test("with no traffic nothing is promoted: the canary pauses at step_timeout")
    func noTrafficNeverPromotes() async throws {
        let stable = try await Self.server()
        let canary = try await Self.server()
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 50}, {weight: 100}], analysis: { interval: 100ms, step_timeout: 1s } }"
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            // The step timeout passes on the controllers' clock, a quarter of it each round.
            let paused = try await gateway.tick(until: { try await Self.release(gateway)["phase"] as? String == "paused" }, rounds: 40, advancing: .milliseconds(250))
            #expect(paused)
            let state = try await Self.release(gateway)
            #expect(state["step"] as? Int == 0)
            let reason = state["reason"] as? String ?? ""
            #expect(reason.contains("inconclusive"), "\(reason)")
        }
        try await stable.stop()
        try await canary.stop()
    }

    @Test("the controller's progress is stored stamped by the controllers' clock, not the machine's")
    func progressStampedByControllerClock() async throws {
        let stable = try await Self.server()
        let canary = try await Self.server()
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 50, pause: 1h}, {weight: 100}], analysis: { interval: 100ms } }"
        try await GatewayHarness.run(Self.config(stable: stable.url, canary: canary.url, release: release)) { gateway in
            // A day ahead of the machine, so a stamp taken from the machine's clock is a day off.
            gateway.clock.advance(by: .seconds(86_400))
            await gateway.tick()
            let store = try SQLiteStore(path: try #require(gateway.storePath))
            let record = try #require(try await store.modelStates(model: "m", prefix: ReleaseController.progressKey).first)
            let offset = record.updatedAt.timeIntervalSince(gateway.clock.now)
            #expect(abs(offset) < 3_600, "stamped \(offset) s from the controllers' clock")
        }
        try await stable.stop()
        try await canary.stop()
    }

    @Test("a restart keeps the canary's step and its failure count: failures before and after add up")
    func restartKeepsProgress() async throws {
        let stable = try await Self.server()
        let canary = try await Self.server(failEvery: 2)
        let directory = try TemporaryDirectory.make("canary-restart")
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 50, pause: 1h}, {weight: 100}], analysis: { interval: 200ms, min_requests: 20, failure_limit: 100 } }"
        let yaml = "store: sqlite:\(directory.path)/turnout.db\n" + Self.config(stable: stable.url, canary: canary.url, release: release)
        func failures(_ gateway: GatewayHarness) async throws -> Int {
            let analysis = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m").json["analysis"] as? [String: Any]
            let decision = analysis?["decision"] as? String ?? ""
            guard let range = decision.range(of: #"\((\d+) of 100 tolerated"#, options: .regularExpression) else { return 0 }
            return Int(decision[range].dropFirst().prefix { $0.isNumber }) ?? 0
        }
        // One clock across both runs, so the restarted gateway goes on from the time the first stopped at.
        let clock = TestClock()
        var before = 0
        try await GatewayHarness.run(yaml, clock: clock) { gateway in
            // Rounds of evidence, each followed by a controller round once the interval has passed.
            var round = 0
            try await gateway.tick(until: {
                _ = try await Self.drive(gateway, requests: 60, seed: round)
                round += 1
                before = try await failures(gateway)
                return before >= 2
            }, rounds: 40, advancing: .milliseconds(250))
            #expect(before >= 2)
        }
        try await GatewayHarness.run(yaml, clock: clock) { gateway in
            #expect(try await Self.release(gateway)["phase"] as? String == "progressing")
            var after = 0
            try await gateway.tick(until: {
                _ = try await Self.drive(gateway, requests: 60, seed: 50)
                after = try await failures(gateway)
                return after > 0
            }, rounds: 40, advancing: .milliseconds(250))
            #expect(after > before, "failures counted on from \(before), not from zero: \(after)")
        }
        try await stable.stop()
        try await canary.stop()
    }
}
