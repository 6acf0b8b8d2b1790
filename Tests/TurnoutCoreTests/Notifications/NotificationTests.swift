import Foundation
import Testing
@testable import TurnoutCore

/// A model's `notify` receivers: reading them, refusing mistakes with one line each, which
/// lifecycle changes are which events, and the JSON and Slack bodies.
@Suite("Notifications")
struct NotificationTests {
    static func model(_ notify: String) -> String {
        """
        models:
          m:
            versions: { v1: { upstream: ["http://127.0.0.1:9001"] }, v2: { upstream: ["http://127.0.0.1:9002"] } }
            release: { strategy: canary, stable: v1, canary: v2, steps: [10, 50] }
            notify: \(notify)
        """
    }

    static func problems(_ notify: String) -> [String] {
        do {
            _ = try TurnoutConfig.parse(yaml: model(notify))
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("receivers are read with their format and events; unset ones get json and every event")
    func receivers() throws {
        let config = try TurnoutConfig.parse(yaml: Self.model("[{url: https://hooks.slack.com/services/T/B/x, format: slack, on: [step, check_failed]}, {url: http://127.0.0.1:9/all}]"))
        let notify = try #require(config.model(named: "m")).notify
        #expect(notify == [
            NotificationSpec(url: "https://hooks.slack.com/services/T/B/x", format: .slack, events: [.step, .checkFailed]),
            NotificationSpec(url: "http://127.0.0.1:9/all", format: .json, events: Set(NotificationEvent.allCases)),
        ])
    }

    @Test("mistakes are refused with one line each", arguments: [
        ("{url: http://h/x}", "models.m.notify: expected a list of receivers such as [{url: http://hooks.local/x, format: slack}], got a mapping"),
        ("[{format: slack}]", "models.m.notify[0].url: missing: the receiver's URL, such as https://hooks.slack.com/services/..."),
        ("[{url: ftp://h/x}]", "models.m.notify[0].url: expected an http:// or https:// URL with a host, got \"ftp://h/x\""),
        ("[{url: http://h/x, format: teams}]", "models.m.notify[0].format: expected one of json, slack, got \"teams\""),
        ("[{url: http://h/x, on: [step, deploy]}]", "models.m.notify[0].on[1]: expected one of step, promote, abort, rollback, conclusion, check_failed, gate_waiting, got \"deploy\""),
        ("[{url: http://h/x, on: []}]", "models.m.notify[0].on: expected a list of events from step, promote, abort, rollback, conclusion, check_failed, gate_waiting, got a list"),
        ("[{url: http://h/x, when: [step]}]", "models.m.notify[0].when: unknown key (valid keys: url, format, on)"),
    ])
    func refused(notify: String, line: String) {
        #expect(Self.problems(notify) == [line])
    }

    static func event(_ action: String, to phase: ReleasePhase) -> AuditEvent {
        AuditEvent(time: 1_700_000_000, model: "m", actor: "controller", action: action, from: .progressing, to: phase, reason: "why")
    }

    @Test("a promotion that keeps the release going is a step; one that reaches promoted is a promote")
    func eventKinds() {
        #expect(NotificationEvent(Self.event("promote", to: .progressing)) == .step)
        #expect(NotificationEvent(Self.event("promote", to: .promoted)) == .promote)
        #expect(NotificationEvent(Self.event("promote_full", to: .promoted)) == .promote)
        #expect(NotificationEvent(Self.event("abort", to: .aborted)) == .abort)
        #expect(NotificationEvent(Self.event("rollback", to: .aborted)) == .rollback)
        #expect(NotificationEvent(Self.event("conclude", to: .progressing)) == .conclusion)
        for action in ["start", "pause", "resume", "retry", "complete"] {
            #expect(NotificationEvent(Self.event(action, to: .paused)) == nil, "\(action)")
        }
    }

    static let failed = ReleaseNotice(
        event: .checkFailed, time: 1_700_000_000, model: "m", strategy: "canary", phase: .progressing, step: 1, steps: 2, actor: "controller",
        reason: "abort: gpu: 0.97 > 0.9",
        checks: [
            .init(name: "error_rate", verdict: "pass", summary: "0.1% vs 0.2%", values: ["canary_error_rate": 0.001, "stable_error_rate": 0.002]),
            .init(name: "gpu", verdict: "fail", summary: "0.97 > 0.9", values: ["canary": 0.97]),
        ]
    )

    @Test("the JSON body holds the notice's fields, the checks' numbers and the commands")
    func jsonBody() throws {
        let body = try #require(try JSONSerialization.jsonObject(with: Data(Self.failed.body(.json))) as? [String: Any])
        #expect(body["event"] as? String == "check_failed")
        #expect(body["model"] as? String == "m" && body["phase"] as? String == "progressing" && body["step"] as? Int == 1 && body["steps"] as? Int == 2)
        #expect(body["commands"] as? [String] == ["turnout promote m", "turnout abort m"])
        let checks = try #require(body["checks"] as? [[String: Any]])
        #expect((checks.last?["values"] as? [String: Double])?["canary"] == 0.97)
        #expect(try JSONDecoder().decode(ReleaseNotice.self, from: Data(Self.failed.body(.json))) == Self.failed)
    }

    @Test("the Slack body is one text with the verdicts, their numbers and the commands for the phase")
    func slackBody() throws {
        let body = try #require(try JSONSerialization.jsonObject(with: Data(Self.failed.body(.slack))) as? [String: String])
        #expect(body.keys.sorted() == ["text"])
        #expect(body["text"] == """
            *m* canary: a check failed (step 1 of 2, progressing, by controller)
            abort: gpu: 0.97 > 0.9
            • error_rate: *pass*, 0.1% vs 0.2% [canary_error_rate=0.001, stable_error_rate=0.002]
            • gpu: *fail*, 0.97 > 0.9 [canary=0.97]
            `turnout promote m` · `turnout abort m`
            """)
        var aborted = Self.failed
        aborted.event = .abort
        aborted.phase = .aborted
        #expect(aborted.slackText.hasSuffix("`turnout retry m`"))
    }
}
