import Testing
import TurnoutCore

/// Every phase against every command, checked against the table written out by hand below
/// (the one documented in docs/decisions/0007-release-lifecycle.md), not against the code's own table.
@Suite("Release lifecycle transition table")
struct ReleaseLifecycleTableTests {
    /// The expected outcome of each allowed (phase, command) pair from ``LifecycleFixtures/state(in:)``:
    /// the new phase and step.
    static let allowed: [ReleasePhase: [LifecycleAction: (phase: ReleasePhase, step: Int)]] = [
        .progressing: [
            .pause: (.paused, 1),
            .promote: (.progressing, 2),
            .promoteFull: (.promoted, 3),
            .abort: (.aborted, 1),
        ],
        .paused: [
            .resume: (.progressing, 1),
            .promote: (.progressing, 2),
            .promoteFull: (.promoted, 3),
            .abort: (.aborted, 1),
        ],
        .promoted: [
            .complete: (.completed, 3),
            .rollback: (.aborted, 3),
            .abort: (.aborted, 3),
        ],
        .aborted: [
            .retry: (.progressing, 0),
        ],
        .completed: [
            .rollback: (.aborted, 3),
        ],
    ]

    /// What each phase's refusal message lists, in order.
    static let allowedList: [ReleasePhase: String] = [
        .progressing: "pause, promote, promote_full, abort",
        .paused: "resume, promote, promote_full, abort",
        .promoted: "complete, rollback, abort",
        .aborted: "retry",
        .completed: "rollback",
    ]

    @Test("each phase accepts exactly its commands", arguments: ReleasePhase.allCases, LifecycleAction.allCases)
    func crossProduct(phase: ReleasePhase, action: LifecycleAction) throws {
        let state = LifecycleFixtures.state(in: phase)
        let result = ReleaseLifecycle.apply(
            LifecycleFixtures.command(action), to: state, actor: "alice", now: LifecycleFixtures.now
        )
        if let expected = Self.allowed[phase]?[action] {
            let transition = try result.get()
            #expect(transition.state.phase == expected.phase)
            #expect(transition.state.step == expected.step)
            #expect(transition.state.revision == state.revision + 1)
            #expect(transition.state.updatedAt == LifecycleFixtures.now)
            #expect(transition.state.model == state.model)
            #expect(transition.state.spec == state.spec)
            #expect(transition.state.previousStable == "v1")
            #expect(transition.event == AuditEvent(
                time: LifecycleFixtures.now, model: LifecycleFixtures.model, actor: "alice",
                action: action.rawValue, from: phase, to: expected.phase, reason: transition.state.reason
            ))
            #expect(!transition.state.reason.isEmpty)
        } else {
            let error = try #require(throws: LifecycleError.self) { try result.get() }
            let list = try #require(Self.allowedList[phase])
            #expect(error.description == "cannot \(action.rawValue): release of breast-cancer is \(phase.rawValue) (allowed: \(list))")
            #expect(error.action == action)
        }
    }

    @Test("the documented example message")
    func exampleMessage() throws {
        let result = ReleaseLifecycle.apply(.resume, to: LifecycleFixtures.state(in: .progressing), actor: "alice", now: 1)
        let error = try #require(throws: LifecycleError.self) { try result.get() }
        #expect(error.description == "cannot resume: release of breast-cancer is progressing (allowed: pause, promote, promote_full, abort)")
    }

    @Test("the public table lists the same commands as the hand-written one", arguments: ReleasePhase.allCases)
    func publicTable(phase: ReleasePhase) {
        let documented = Set(Self.allowed[phase]?.keys.map { $0 } ?? [])
        #expect(Set(ReleaseLifecycle.allowedActions(in: phase)) == documented)
    }

    @Test("a refused command leaves nothing to persist: the input state is not changed")
    func refusalIsPure() {
        let state = LifecycleFixtures.state(in: .completed)
        let copy = state
        _ = ReleaseLifecycle.apply(.promote, to: state, actor: "alice", now: 2_000)
        #expect(state == copy)
    }
}
