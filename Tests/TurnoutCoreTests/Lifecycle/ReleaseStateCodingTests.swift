import Foundation
import Testing
import TurnoutCore

@Suite("Release state and audit event JSON")
struct ReleaseStateCodingTests {
    static let specs: [ReleaseSpec] = [
        .single(version: "v2"),
        LifecycleFixtures.split,
        .flag(key: "model-version", fallback: "v1"),
    ]

    @Test("a state survives a JSON round trip in every phase and with every spec", arguments: ReleasePhase.allCases, specs)
    func stateRoundTrip(phase: ReleasePhase, spec: ReleaseSpec) throws {
        var state = LifecycleFixtures.state(in: phase)
        state.spec = spec
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(ReleaseState.self, from: data) == state)
    }

    @Test("a state without optional fields survives a round trip")
    func sparseStateRoundTrip() throws {
        let state = ReleaseState(
            model: "m", spec: .single(version: "v1"), stepCount: 1, step: 0, phase: .progressing,
            revision: 1, updatedAt: 0.25, previousStable: nil, reason: "started"
        )
        #expect(try JSONDecoder().decode(ReleaseState.self, from: JSONEncoder().encode(state)) == state)
    }

    @Test("state keys are snake_case and the phase is its lower-case name")
    func stateKeys() throws {
        let data = try JSONEncoder().encode(LifecycleFixtures.state(in: .promoted))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "model", "spec", "step_count", "step", "phase", "revision", "updated_at",
            "previous_stable", "rollback_window", "promoted_at", "reason",
        ])
        #expect(object["phase"] as? String == "promoted")
    }

    @Test("a hand-written stored state decodes")
    func decodeStored() throws {
        let json = #"""
        {"model": "breast-cancer", "spec": {"strategy": "split", "weights": [{"version": "v1", "weight": 90}, {"version": "v2", "weight": 10}]},
         "step_count": 3, "step": 1, "phase": "paused", "revision": 7, "updated_at": 1000.5,
         "previous_stable": "v1", "rollback_window": 600, "reason": "paused at step 2 of 3"}
        """#
        let state = try JSONDecoder().decode(ReleaseState.self, from: Data(json.utf8))
        #expect(state == ReleaseState(
            model: "breast-cancer", spec: LifecycleFixtures.split, stepCount: 3, step: 1, phase: .paused,
            revision: 7, updatedAt: 1000.5, previousStable: "v1", rollbackWindow: 600, promotedAt: nil,
            reason: "paused at step 2 of 3"
        ))
    }

    @Test("an unknown strategy is refused", arguments: [
        #"{"strategy": "rainbow", "version": "v1"}"#,
        #"{"strategy": "split", "version": "v1"}"#,
    ])
    func unknownStrategy(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReleaseSpec.self, from: Data(json.utf8)) }
    }

    @Test("an unknown phase is refused")
    func unknownPhase() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReleasePhase.self, from: Data(#""rolling_back""#.utf8)) }
    }

    @Test("an audit event survives a round trip and uses the documented keys")
    func eventRoundTrip() throws {
        let transition = try ReleaseLifecycle.apply(
            .abort(reason: "error rate 4% above stable"), to: LifecycleFixtures.state(in: .progressing),
            actor: "controller", now: LifecycleFixtures.now
        ).get()
        let data = try JSONEncoder().encode(transition.event)
        #expect(try JSONDecoder().decode(AuditEvent.self, from: data) == transition.event)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["time", "model", "actor", "action", "from", "to", "reason"])
        #expect(object["from"] as? String == "progressing")
        #expect(object["to"] as? String == "aborted")
        #expect(object["action"] as? String == "abort")
    }

    @Test("commands are named in snake_case", arguments: zip(LifecycleAction.allCases, [
        "promote", "promote_full", "abort", "retry", "rollback", "pause", "resume", "complete",
    ]))
    func actionNames(action: LifecycleAction, name: String) throws {
        #expect(String(decoding: try JSONEncoder().encode(action), as: UTF8.self) == "\"\(name)\"")
    }
}
