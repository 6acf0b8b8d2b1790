import Testing
import TurnoutCore

/// Check outcomes as the gateway would hand them over.
enum Checks {
    static let pass = [NamedCheck(name: NamedCheck.errorRate, outcome: .pass), NamedCheck(name: NamedCheck.latency, outcome: .pass)]
    static let noTraffic = [
        NamedCheck(name: NamedCheck.errorRate, outcome: .inconclusive(reason: "too few requests (0 of 200)")),
        NamedCheck(name: NamedCheck.latency, outcome: .inconclusive(reason: "too few requests (0 of 200)")),
    ]
    static let errorsUp = [
        NamedCheck(name: NamedCheck.errorRate, outcome: .fail(reason: "canary 4.1% against stable 0.2%, more than 0.5% higher")),
        NamedCheck(name: NamedCheck.latency, outcome: .pass),
    ]
    static let slowerAndThin = [
        NamedCheck(name: NamedCheck.errorRate, outcome: .pass),
        NamedCheck(name: NamedCheck.latency, outcome: .inconclusive(reason: "too few requests (150 of 200)")),
    ]
}

/// A release whose transitions go through the real ``ReleaseLifecycle``, on a fake clock.
///
/// The state's spec is a split standing in for the strategy: the controllers read their own
/// spec, and the state only for its phase, step, revision and times.
struct ReleaseHarness {
    var state: ReleaseState
    var now: Double
    var events: [AuditEvent]

    init(stable: String, candidate: String, stepCount: Int, rollbackWindow: Double, startedAt: Double = 10_000) {
        let spec = ReleaseSpec.split(weights: [VersionWeight(version: stable, weight: 100), VersionWeight(version: candidate, weight: 0)])
        let start = ReleaseLifecycle.start(
            model: "m", spec: spec, stepCount: stepCount, previousStable: stable, rollbackWindow: rollbackWindow, actor: "test", now: startedAt
        )
        state = start.state
        now = startedAt
        events = [start.event]
    }

    /// Applies a command as an operator or the gateway would; it must be accepted.
    mutating func apply(_ command: LifecycleCommand, actor: String = "operator", reason: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        switch ReleaseLifecycle.apply(command, to: state, actor: actor, now: now, reason: reason) {
        case .success(let transition):
            state = transition.state
            events.append(transition.event)
        case .failure(let error):
            Issue.record("refused \(command): \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// The canary controller driven tick by tick, applying what it decides.
struct CanaryHarness {
    let spec: CanarySpec
    var release: ReleaseHarness
    var progress: CanaryProgress?

    init(_ spec: CanarySpec, startedAt: Double = 10_000) {
        self.spec = spec
        release = ReleaseHarness(stable: spec.stable, candidate: spec.canary, stepCount: spec.stepCount, rollbackWindow: spec.rollbackWindow, startedAt: startedAt)
    }

    var state: ReleaseState { release.state }
    var now: Double { release.now }

    /// Moves the clock to `seconds` after the release started.
    mutating func at(_ seconds: Double) {
        release.now = release.events[0].time + seconds
    }

    /// One tick at `seconds` after the start: decide on `checks` and apply the command, if any.
    @discardableResult
    mutating func tick(at seconds: Double, _ checks: [NamedCheck]?, sourceLocation: SourceLocation = #_sourceLocation) -> CanaryDecision {
        at(seconds)
        let decision = CanaryController.decide(spec: spec, state: state, progress: progress, checks: checks, now: now)
        progress = decision.progress
        if let command = decision.command {
            release.apply(command, actor: "controller", reason: decision.reason, sourceLocation: sourceLocation)
        }
        return decision
    }

    /// Ticks every analysis interval from `from` through `through` seconds with the same checks,
    /// returning every command decided on the way.
    mutating func ticks(from: Double, through: Double, _ checks: [NamedCheck]) -> [LifecycleCommand] {
        var commands: [LifecycleCommand] = []
        var time = from
        while time <= through {
            if let command = tick(at: time, checks).command { commands.append(command) }
            time += spec.analysis.interval
        }
        return commands
    }
}

/// The blue-green controller driven tick by tick, applying what it decides.
struct BlueGreenHarness {
    let spec: BlueGreenSpec
    var release: ReleaseHarness
    var progress: BlueGreenProgress?

    init(_ spec: BlueGreenSpec, startedAt: Double = 10_000) {
        self.spec = spec
        release = ReleaseHarness(stable: spec.active, candidate: spec.preview, stepCount: spec.stepCount, rollbackWindow: spec.rollbackWindow, startedAt: startedAt)
    }

    var state: ReleaseState { release.state }
    var now: Double { release.now }

    mutating func at(_ seconds: Double) {
        release.now = release.events[0].time + seconds
    }

    /// The plan at `seconds` after the start.
    mutating func plan(at seconds: Double) -> BlueGreenPlan {
        at(seconds)
        return BlueGreenController.plan(spec: spec, state: state, progress: progress, now: now)
    }

    @discardableResult
    mutating func tick(at seconds: Double, _ inputs: BlueGreenInputs = BlueGreenInputs(), sourceLocation: SourceLocation = #_sourceLocation) -> BlueGreenDecision {
        at(seconds)
        let decision = BlueGreenController.decide(spec: spec, state: state, progress: progress, inputs: inputs, now: now)
        progress = decision.progress
        if let command = decision.command {
            release.apply(command, actor: "controller", reason: decision.reason, sourceLocation: sourceLocation)
        }
        return decision
    }
}
