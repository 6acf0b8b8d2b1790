import Testing
import TurnoutCore

/// A supervisor on a fake clock: it carries out `scale` at once, new instances starting until a
/// test makes them ready, stopped instances gone at once or draining until a test ends them.
struct FakeSupervisor {
    var instances: [String: InstanceCounts] = [:]
    /// Whether stopped ready instances drain (until ``finishDraining(_:)``) instead of vanishing.
    var drains = false

    /// Runs `count` ready instances of `version`, ready since long ago.
    mutating func run(_ version: String, ready count: Int) {
        instances[version] = InstanceCounts(ready: count, availableSince: Array(repeating: -1_000, count: count))
    }

    /// Starts or stops instances to match `replicas`: starting ones are stopped first, as the
    /// supervisor would stop those that serve nothing yet.
    mutating func scale(_ version: String, to replicas: Int) {
        var counts = instances.of(version)
        if replicas > counts.running {
            counts.starting += replicas - counts.running
        } else if replicas < counts.running {
            var surplus = counts.running - replicas
            let notStarted = min(surplus, counts.starting)
            counts.starting -= notStarted
            surplus -= notStarted
            counts.ready -= surplus
            counts.availableSince.removeFirst(surplus)
            if drains { counts.draining += surplus }
        }
        instances[version] = counts
    }

    /// `count` (default: all) starting instances of `version` become ready at `now`.
    mutating func makeReady(_ version: String, at now: Double, count: Int? = nil) {
        var counts = instances.of(version)
        let moving = min(count ?? counts.starting, counts.starting)
        counts.starting -= moving
        counts.ready += moving
        counts.availableSince += Array(repeating: now, count: moving)
        instances[version] = counts
    }

    mutating func finishDraining(_ version: String) {
        instances[version]?.draining = 0
    }

    /// Starting plus ready instances, as a pair for `from` and `to`.
    func running(_ from: String, _ to: String) -> Pair {
        Pair(old: instances.of(from).running, new: instances.of(to).running)
    }

    /// Old and new instance counts, as a Deployment's two replica sets.
    struct Pair: Equatable, CustomStringConvertible {
        let old: Int
        let new: Int
        var description: String { "(\(old), \(new))" }
    }
}

/// A controller that replaces instances, driven tick by tick: its commands applied through the
/// real ``ReleaseLifecycle``, its `scale` actions through ``FakeSupervisor``, its shares kept.
struct InstanceReleaseHarness<Progress: Sendable & Equatable> {
    typealias Step = (ReleaseState, Progress?, [String: InstanceCounts], [NamedCheck]?, Double) -> ControllerStep<Progress>
    let from: String
    let to: String
    var release: ReleaseHarness
    var supervisor = FakeSupervisor()
    var progress: Progress?
    var shares: [VersionWeight]?
    /// The analysis windows the controller asked for, as their start times.
    var comparisons: [Double] = []
    let step: Step

    init(from: String, to: String, fromReplicas: Int, step: @escaping Step) {
        self.from = from
        self.to = to
        self.step = step
        release = ReleaseHarness(stable: from, candidate: to, stepCount: 1, rollbackWindow: 600)
        supervisor.run(from, ready: fromReplicas)
    }

    var state: ReleaseState { release.state }
    var start: Double { release.events[0].time }
    var counts: FakeSupervisor.Pair { supervisor.running(from, to) }

    /// One tick at `seconds` after the start, answering an analysis request with `checks`.
    @discardableResult
    mutating func tick(at seconds: Double, checks: [NamedCheck]? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> [ControllerAction] {
        release.now = start + seconds
        var decided = step(state, progress, supervisor.instances, nil, release.now)
        if decided.needsObservations {
            guard let checks else {
                Issue.record("the controller asked for an analysis the test did not provide", sourceLocation: sourceLocation)
                return decided.actions
            }
            for case .compareVersions(let since, _) in decided.actions { comparisons.append(since - start) }
            decided = step(state, decided.progress, supervisor.instances, checks, release.now)
        }
        progress = decided.progress
        for action in decided.actions {
            switch action {
            case .scale(let version, let replicas): supervisor.scale(version, to: replicas)
            case .route(let weights): shares = weights
            case .apply(let command, let reason): release.apply(command, actor: "controller", reason: reason, sourceLocation: sourceLocation)
            case .saveProgress, .recordAnalysis: continue
            default: Issue.record("unexpected action \(action)", sourceLocation: sourceLocation)
            }
        }
        return decided.actions
    }

    /// The commands among `actions`.
    static func commands(_ actions: [ControllerAction]) -> [LifecycleCommand] {
        actions.compactMap { action in
            guard case .apply(let command, _) = action else { return nil }
            return command
        }
    }

    /// The scale actions among `actions`.
    static func scales(_ actions: [ControllerAction]) -> [ControllerAction] {
        actions.filter { action in
            if case .scale = action { return true }
            return false
        }
    }
}
