import Testing
import TurnoutCore
@testable import TurnoutGateway

/// How many instances each `process` version runs under strategies that do not scale them
/// themselves, without a supervisor.
@Suite("Instance plan")
struct InstancePlanTests {
    static let model: ModelConfig = {
        let process = #"{ process: { command: ["server", "{port}"], replicas: 2 } }"#
        let yaml = """
            models:
              m:
                versions: { blue: \(process), green: \(process), shadow: \(process), other: { upstream: "http://127.0.0.1:9" } }
                release: { strategy: single, version: blue }
            """
        return try! TurnoutConfig.parse(yaml: yaml).models[0]
    }()

    static func state(_ spec: ReleaseSpec, _ phase: ReleasePhase) -> ReleaseState {
        ReleaseState(model: "m", spec: spec, stepCount: 1, step: 0, phase: phase, revision: 1, updatedAt: 0, previousStable: "blue", reason: "")
    }

    static let blueGreen = ReleaseSpec.bluegreen(BlueGreenSpec(active: "blue", preview: "green"))

    @Test("a blue-green release runs both versions until it completes, then only the one with the traffic")
    func blueGreen() {
        for phase in [ReleasePhase.progressing, .paused, .promoted] {
            let plan = InstancePlan.replicas(of: Self.model, state: Self.state(Self.blueGreen, phase), serving: ["blue"], now: 0)
            #expect(plan == ["blue": 2, "green": 2, "shadow": 0], "\(phase)")
        }
        var completed = Self.state(Self.blueGreen, .completed)
        completed.rollbackWindow = 600
        completed.promotedAt = 100
        #expect(InstancePlan.replicas(of: Self.model, state: completed, serving: ["green"], now: 700) == ["blue": 2, "green": 2, "shadow": 0], "within the rollback window")
        #expect(InstancePlan.replicas(of: Self.model, state: completed, serving: ["green"], now: 701) == ["blue": 0, "green": 2, "shadow": 0], "once it closed")
        #expect(InstancePlan.replicas(of: Self.model, state: Self.state(Self.blueGreen, .aborted), serving: ["blue"], now: 0) == ["blue": 2, "green": 0, "shadow": 0])
    }

    @Test("a single release runs only its version; a version with no part in any release is not started")
    func single() {
        let plan = InstancePlan.replicas(of: Self.model, state: Self.state(.single(version: "blue"), .progressing), serving: ["blue"], now: 0)
        #expect(plan == ["blue": 2, "green": 0, "shadow": 0])
        #expect(InstancePlan.replicas(of: Self.model, state: nil, serving: [], now: 0) == ["blue": 2, "green": 0, "shadow": 0], "before any release, the configured one")
    }

    @Test("a shadow release also runs the versions it mirrors to, which get no traffic of their own")
    func shadow() {
        let spec = ReleaseSpec.shadow(ShadowSpec(primary: "blue", shadows: ["shadow"]))
        let plan = InstancePlan.replicas(of: Self.model, state: Self.state(spec, .completed), serving: ["blue"], now: 0)
        #expect(plan == ["blue": 2, "green": 0, "shadow": 2])
    }
}
