import Testing
import TurnoutCore

/// How a release's phase turns into routing, and which version is stable or promoted.
@Suite("Release routing")
struct ReleaseRoutingTests {
    static let split = ReleaseSpec.split(weights: [
        VersionWeight(version: "v1", weight: 90), VersionWeight(version: "v2", weight: 10),
    ])

    static func state(_ spec: ReleaseSpec, phase: ReleasePhase, previousStable: String? = nil) -> ReleaseState {
        ReleaseState(model: "m", spec: spec, stepCount: 1, step: 0, phase: phase, revision: 1, updatedAt: 0, previousStable: previousStable, reason: "")
    }

    @Test("a split runs as written, promotes its largest non-stable version, and aborts to the stable one")
    func splitPhases() {
        let expected: [(ReleasePhase, ReleaseSpec)] = [
            (.progressing, Self.split), (.paused, Self.split),
            (.promoted, .single(version: "v2")), (.completed, .single(version: "v2")),
            (.aborted, .single(version: "v1")),
        ]
        for (phase, routing) in expected {
            #expect(Self.state(Self.split, phase: phase).routing == routing, "\(phase)")
        }
    }

    @Test("the recorded previous stable version wins over the spec's first version")
    func previousStableWins() {
        let state = Self.state(Self.split, phase: .aborted, previousStable: "v2")
        #expect(state.stableVersion == "v2")
        #expect(state.routing == .single(version: "v2"))
        #expect(Self.state(Self.split, phase: .promoted, previousStable: "v2").routing == .single(version: "v1"))
    }

    @Test("promotion targets: ties go to the version listed last; zero weights never win")
    func promotionTargets() {
        let tie = ReleaseSpec.split(weights: [
            VersionWeight(version: "a", weight: 50), VersionWeight(version: "b", weight: 25), VersionWeight(version: "c", weight: 25),
        ])
        #expect(tie.promotionTarget(stable: "a") == "c")
        let idle = ReleaseSpec.split(weights: [VersionWeight(version: "a", weight: 100), VersionWeight(version: "b", weight: 0)])
        #expect(idle.promotionTarget(stable: "a") == "a")
        #expect(idle.soleVersion == "a")
        #expect(ReleaseSpec.flag(key: "f", fallback: "a").promotionTarget(stable: "a") == nil)
        #expect(Self.state(.flag(key: "f", fallback: "a"), phase: .promoted).routing == .flag(key: "f", fallback: "a"))
        #expect(Self.state(.flag(key: "f", fallback: "a"), phase: .aborted).routing == .single(version: "a"))
    }

    @Test("a new release's previous stable is the version that had all the traffic before it")
    func previousStableOfNewRelease() {
        #expect(ReleaseState.previousStable(for: Self.split, replacing: nil) == "v1")
        #expect(ReleaseState.previousStable(for: .single(version: "v1"), replacing: nil) == nil)
        let promoted = Self.state(Self.split, phase: .completed)
        #expect(ReleaseState.previousStable(for: .single(version: "v3"), replacing: promoted) == "v2")
        let running = Self.state(Self.split, phase: .progressing, previousStable: "v0")
        #expect(ReleaseState.previousStable(for: .single(version: "v3"), replacing: running) == "v0")
    }
}
