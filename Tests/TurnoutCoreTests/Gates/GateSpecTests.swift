import Testing
@testable import TurnoutCore

/// A model's `gates`: reading them, refusing mistakes, and which gate guards which command.
@Suite("Gates")
struct GateSpecTests {
    static func model(_ gates: String) -> String {
        """
        models:
          m:
            versions: { v1: { upstream: ["http://127.0.0.1:9001"] }, v2: { upstream: ["http://127.0.0.1:9002"] } }
            release: { strategy: canary, stable: v1, canary: v2, steps: [10, 50] }
            gates: \(gates)
        """
    }

    @Test("URLs, confirm, timeout and interval are read; unset ones stay off with their defaults")
    func read() throws {
        let config = try TurnoutConfig.parse(yaml: Self.model("{before_start: http://g/start, before_step: http://g/step, after_rollback: https://g/rb, confirm: true, timeout: 2s}"))
        let gates = try #require(config.model(named: "m")).gates
        #expect(gates == GateSpec(beforeStart: "http://g/start", beforeStep: "http://g/step", afterRollback: "https://g/rb", confirm: true, timeout: 2, interval: GateSpec.defaultInterval))
        let none = try TurnoutConfig.parse(yaml: Self.model("{}"))
        #expect(none.model(named: "m")?.gates == GateSpec())
    }

    @Test("mistakes are refused with one line each", arguments: [
        ("{before_step: ftp://g}", "models.m.gates.before_step: expected an http:// or https:// URL with a host, got \"ftp://g\""),
        ("{confirm: yes please}", "models.m.gates.confirm: expected true or false, got a string"),
        ("{timeout: 0s}", "models.m.gates.timeout: expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \"0s\""),
        ("{after_promotion: http://g}", "models.m.gates.after_promotion: unknown key (valid keys: before_start, before_step, before_promotion, after_rollback, confirm, timeout, interval)"),
        ("{before_start: g/start}", "models.m.gates.before_start: expected an http:// or https:// URL with a host, got \"g/start\""),
    ])
    func refused(gates: String, line: String) {
        do {
            _ = try TurnoutConfig.parse(yaml: Self.model(gates))
            Issue.record("accepted \(gates)")
        } catch {
            #expect(error.issues.map(\.description) == [line])
        }
    }

    static func state(step: Int, phase: ReleasePhase = .progressing) -> ReleaseState {
        var state = ReleaseLifecycle.start(
            model: "m", spec: .canary(CanarySpec(stable: "v1", canary: "v2", steps: [CanaryStep(weight: 10), CanaryStep(weight: 50)])),
            previousStable: "v1", replacing: nil, actor: "test", now: 0
        ).state
        state.step = step
        state.phase = phase
        return state
    }

    @Test("a step's advance waits for before_step, the last promotion for confirm before before_promotion; other commands pass")
    func guards() {
        let urls = GateSpec(beforeStep: "http://g/s", beforePromotion: "http://g/p")
        #expect(urls.gate(for: .promote, in: Self.state(step: 0)) == .beforeStep)
        #expect(urls.gate(for: .promote, in: Self.state(step: 1)) == .beforePromotion)
        #expect(urls.gate(for: .promoteFull, in: Self.state(step: 0)) == .beforePromotion)
        var confirmed = urls
        confirmed.confirm = true
        #expect(confirmed.gate(for: .promote, in: Self.state(step: 1)) == .confirm)
        #expect(confirmed.gate(for: .promote, in: Self.state(step: 0)) == .beforeStep)
        #expect(urls.gate(for: .abort(reason: "x"), in: Self.state(step: 0)) == nil)
        #expect(urls.gate(for: .promote, in: Self.state(step: 0, phase: .paused)) == nil)
        #expect(GateSpec().gate(for: .promote, in: Self.state(step: 1)) == nil)
    }

    @Test("a hold keeps its start and counts its attempts while the same gate holds the same revision")
    func holding() {
        let first = GateStatus.holding(.beforeStep, url: "u", answer: "HTTP 503", revision: 3, now: 10, previous: nil)
        let second = GateStatus.holding(.beforeStep, url: "u", answer: "HTTP 500", revision: 3, now: 20, previous: first)
        #expect(second == GateStatus(gate: .beforeStep, url: "u", answer: "HTTP 500", since: 10, askedAt: 20, attempts: 2, revision: 3))
        let moved = GateStatus.holding(.beforeStep, url: "u", answer: "HTTP 503", revision: 4, now: 30, previous: second)
        #expect(moved.since == 30 && moved.attempts == 1)
    }
}
