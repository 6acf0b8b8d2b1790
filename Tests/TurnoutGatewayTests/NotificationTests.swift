import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Testing
@testable import TurnoutCore
@testable import TurnoutGateway

/// Release notifications against real receivers in the test process: each event delivered
/// once, a 500 retried, a refusal not, a full queue counted, and neither a hung receiver nor
/// a slow one holding up the controller or the data plane.
@Suite("Notifications")
struct NotificationTests {
    static let quiet: Logger = {
        var logger = Logger(label: "turnout-test")
        logger.logLevel = .critical
        return logger
    }()

    /// A notifier with short backoffs, running until `body` returns.
    /// A generous attempt timeout: under the full suite an attempt that timed out on the way would
    /// be retried and counted twice (or reach the receiver once too few).
    static func withNotifier<T>(
        retry: Notifier.Retry = Notifier.Retry(attempts: 3, backoff: 0.05, timeout: 30), _ body: (Notifier, GatewayMetrics) async throws -> T
    ) async rethrows -> T {
        let metrics = GatewayMetrics()
        let notifier = Notifier(metrics: metrics, logger: quiet, retry: retry)
        let running = Task { await notifier.run() }
        defer { running.cancel() }
        return try await body(notifier, metrics)
    }

    static func notice(_ event: NotificationEvent) -> ReleaseNotice {
        ReleaseNotice(event: event, time: 1_700_000_000, model: "m", strategy: "canary", phase: .progressing, step: 1, steps: 2, actor: "ops", reason: "why")
    }

    /// `turnout_notifications_total` for one event and outcome.
    static func count(_ metrics: GatewayMetrics, event: String, outcome: String) -> Int {
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        return ShadowTests.metric(text, #"turnout_notifications_total{model="m",event="\#(event)",outcome="\#(outcome)"}"#)
    }

    /// The `event` field of every body a receiver got.
    static func events(_ server: ScriptedModelServer) -> [String] {
        server.requests.compactMap { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body.readableBytesView)) as? [String: Any])?["event"] as? String
        }
    }

    @Test("each event a receiver asked for is POSTed to it once, as JSON; the others are not")
    func deliveredOnce() async throws {
        let receiver = try await ScriptedModelServer.start { _, _ in (204, "") }
        try await Self.withNotifier { notifier, metrics in
            let receivers = [NotificationSpec(url: receiver.url + "/hook", events: [.step, .promote])]
            for event in [NotificationEvent.step, .abort, .promote] { notifier.send(Self.notice(event), to: receivers) }
            try await ReloadTests.eventually(timeout: .seconds(60)) { Self.count(metrics, event: "step", outcome: "delivered") + Self.count(metrics, event: "promote", outcome: "delivered") == 2 }
            #expect(Set(Self.events(receiver)) == ["step", "promote"])
            #expect(receiver.requests.count == 2)
            #expect(receiver.requests.allSatisfy { $0.head.method == .POST && $0.head.uri == "/hook" && $0.head.headers["content-type"] == ["application/json"] })
        }
        try await receiver.stop()
    }

    @Test("a receiver answering 500 gets the same notification again after a backoff, until it takes it")
    func retriedAfter500() async throws {
        let answers = NIOLockedValueBox(0)
        let receiver = try await ScriptedModelServer.start { _, _ in
            answers.withLockedValue { $0 += 1; return $0 } == 1 ? (500, "busy") : (200, "ok")
        }
        try await Self.withNotifier { notifier, metrics in
            notifier.send(Self.notice(.abort), to: [NotificationSpec(url: receiver.url)])
            try await ReloadTests.eventually(timeout: .seconds(60)) { Self.count(metrics, event: "abort", outcome: "delivered") == 1 }
            #expect(receiver.requests.count == 2)
            #expect(Set(receiver.requests.map { Array($0.body.readableBytesView) }).count == 1)
            #expect(Self.count(metrics, event: "abort", outcome: "failed") == 0)
        }
        try await receiver.stop()
    }

    @Test("a receiver that refuses a notification with 400 is not asked again; one that always fails is given up after the attempts")
    func refusedAndGivenUp() async throws {
        let refusing = try await ScriptedModelServer.start { _, _ in (400, "no") }
        let failing = try await ScriptedModelServer.start { _, _ in (503, "down") }
        try await Self.withNotifier { notifier, metrics in
            notifier.send(Self.notice(.abort), to: [NotificationSpec(url: refusing.url)])
            notifier.send(Self.notice(.rollback), to: [NotificationSpec(url: failing.url)])
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                Self.count(metrics, event: "abort", outcome: "failed") == 1 && Self.count(metrics, event: "rollback", outcome: "failed") == 1
            }
            #expect(refusing.requests.count == 1)
            #expect(failing.requests.count == 3)
        }
        try await refusing.stop()
        try await failing.stop()
    }

    @Test("a hung receiver holds up neither another receiver nor the sender; past the queue's capacity notifications are dropped and counted")
    func hungReceiver() async throws {
        let gate = ShadowTests.Gate()
        let hung = try await ScriptedModelServer.start { _, _ in
            await gate.wait()
            return (200, "late")
        }
        let healthy = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        try await Self.withNotifier(retry: Notifier.Retry(attempts: 1, timeout: 600)) { notifier, metrics in
            notifier.send(Self.notice(.step), to: [NotificationSpec(url: hung.url)])
            notifier.send(Self.notice(.promote), to: [NotificationSpec(url: healthy.url)])
            try await ReloadTests.eventually(timeout: .seconds(60)) { Self.count(metrics, event: "promote", outcome: "delivered") == 1 }
            let sent = Notifier.capacity + 50
            for _ in 0..<sent { notifier.send(Self.notice(.abort), to: [NotificationSpec(url: hung.url)]) }
            // At most `concurrency` calls leave the queue while the receiver hangs; the rest
            // wait in it up to its capacity.
            #expect(Self.count(metrics, event: "abort", outcome: "dropped") >= sent - Notifier.capacity - Notifier.concurrency)
            await gate.release()
        }
        try await hung.stop()
        try await healthy.stop()
    }

    static func canaryConfig(stable: String, canary: String, notify: String) -> String {
        CanaryTests.config(stable: stable, canary: canary, release: "{ strategy: canary, stable: v1, canary: v2, steps: [{weight: 30, pause: 1h}, {weight: 60, pause: 1h}, {weight: 100}] }")
            + "\n    notify: \(notify)"
    }

    @Test("an operator's promotions reach the receivers once each: step, then promote; the Slack one names the commands")
    func canaryPromotedByOperator() async throws {
        let json = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        let slack = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let notify = "[{url: \"\(json.url)\"}, {url: \"\(slack.url)/slack\", format: slack, on: [step]}]"
        try await GatewayHarness.run(Self.canaryConfig(stable: stable.url, canary: canary.url, notify: notify)) { gateway in
            for _ in 0..<2 {
                let promoted = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
                #expect(promoted.status == 200, "\(promoted.text)")
            }
            try await ReloadTests.eventually(timeout: .seconds(60)) { json.requests.count == 2 && slack.requests.count == 1 }
            for _ in 0..<5 { await gateway.tick() }
            #expect(Self.events(json).sorted() == ["promote", "step"])
            let request = try #require(slack.requests.first)
            let text = (try JSONSerialization.jsonObject(with: Data(request.body.readableBytesView)) as? [String: String])?["text"]
            #expect(text?.hasPrefix("*m* canary: moved to the next step (step 2 of 2, progressing, by ") == true, "\(text ?? "")")
            #expect(text?.contains("`turnout promote m` · `turnout abort m`") == true, "\(text ?? "")")
        }
        #expect(json.requests.count == 2)
        for server in [json, slack, stable, canary] { try await server.stop() }
    }

    @Test("a failed metric check is announced with its numbers before the abort")
    func checkFailedAnnounced() async throws {
        let receiver = try await ScriptedModelServer.start { _, _ in (200, "ok") }
        let prometheus = try await MetricCheckTests.prometheus(["v2": MetricCheckTests.vector(["0.97"]), "v1": MetricCheckTests.vector(["0.4"])])
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        let release = MetricCheckTests.canaryRelease(MetricCheckTests.gpuCheck(prometheus.url))
        let config = CanaryTests.config(stable: stable.url, canary: canary.url, release: release) + "\n    notify: [{url: \"\(receiver.url)\", on: [check_failed, abort]}]"
        try await GatewayHarness.run(config) { gateway in
            let (_, phase) = try await CanaryTests.driveUntil(gateway, phases: ["aborted", "completed", "promoted", "paused"])
            #expect(phase == "aborted")
            try await ReloadTests.eventually(timeout: .seconds(60)) { Self.events(receiver).contains("abort") }
            let bodies = receiver.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) as? [String: Any] }
            let failed = try #require(bodies.first { $0["event"] as? String == "check_failed" })
            let gpu = (failed["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "gpu" }
            #expect(gpu?["verdict"] as? String == "fail")
            #expect((gpu?["values"] as? [String: Double])?["canary"] == 0.97)
            #expect(failed["commands"] as? [String] == ["turnout promote m", "turnout abort m"])
            let abort = try #require(bodies.first { $0["event"] as? String == "abort" })
            #expect(abort["actor"] as? String == "controller")
            #expect((abort["checks"] as? [[String: Any]])?.isEmpty == false)
        }
        for server in [receiver, prometheus, stable, canary] { try await server.stop() }
    }

    @Test("a hung receiver delays neither the operator's commands, the controller's tick nor the requests")
    func hungReceiverDoesNotDelayTheGateway() async throws {
        let gate = ShadowTests.Gate()
        let hung = try await ScriptedModelServer.start { _, _ in
            await gate.wait()
            return (200, "late")
        }
        let stable = try await CanaryTests.server()
        let canary = try await CanaryTests.server()
        try await GatewayHarness.run(Self.canaryConfig(stable: stable.url, canary: canary.url, notify: "[{url: \"\(hung.url)\"}]")) { gateway in
            let promoted = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
            #expect(promoted.status == 200)
            try await ReloadTests.eventually(timeout: .seconds(60)) { hung.requests.count == 1 }
            // The receiver now holds the step's notification: everything else goes on.
            await gateway.tick()
            let traffic = try await CanaryTests.drive(gateway, requests: 40, seed: 1)
            #expect(traffic.failed == 0, "\(traffic.failures)")
            let full = try await HTTPClient.shared.send(.POST, "\(gateway.adminURL)/api/v1/models/m/promote")
            #expect(full.status == 200)
            // The ticker may already have completed it: nothing watches the canary at 100%.
            #expect(["promoted", "completed"].contains(try await gateway.phase(of: "m")))
            await gateway.tick()
            #expect(try await gateway.phase(of: "m") == "completed")
            await gate.release()
        }
        for server in [hung, stable, canary] { try await server.stop() }
    }
}
