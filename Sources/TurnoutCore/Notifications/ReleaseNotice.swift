/// One release notification, before it is shaped for a receiver: what happened to which
/// release, the numbers behind it, and what an operator can do next.
public struct ReleaseNotice: Sendable, Equatable, Codable {
    /// What happened.
    public var event: NotificationEvent
    /// When, in Unix seconds.
    public var time: Double
    /// The model whose release it is.
    public var model: String
    /// The release's strategy, such as `canary`.
    public var strategy: String
    /// The release's phase now.
    public var phase: ReleasePhase
    /// The step the release is at, from 1, and how many it has.
    public var step: Int
    public var steps: Int
    /// Who caused it: an operator, `controller`, a gate.
    public var actor: String
    /// Why, in one line.
    public var reason: String
    /// The newest analysis' checks, with their numbers; empty when none ran.
    public var checks: [Check]
    /// The gate that holds the release, for `gate_waiting` (`before_step`, `confirm`, ...).
    public var gate: String?

    /// One check's verdict with the values behind it.
    public struct Check: Sendable, Equatable, Codable {
        public var name: String
        public var verdict: String
        public var summary: String
        public var values: [String: Double]

        public init(name: String, verdict: String, summary: String, values: [String: Double]) {
            self.name = name
            self.verdict = verdict
            self.summary = summary
            self.values = values
        }
    }

    /// A notice from its parts.
    public init(
        event: NotificationEvent, time: Double, model: String, strategy: String, phase: ReleasePhase, step: Int, steps: Int, actor: String,
        reason: String, checks: [Check] = [], gate: String? = nil
    ) {
        self.event = event
        self.time = time
        self.model = model
        self.strategy = strategy
        self.phase = phase
        self.step = step
        self.steps = steps
        self.actor = actor
        self.reason = reason
        self.checks = checks
        self.gate = gate
    }

    /// The notice of `event` about the release in `state`: its model, strategy, phase and step.
    public init(_ event: NotificationEvent, state: ReleaseState, time: Double, actor: String, reason: String, checks: [Check], gate: String? = nil) {
        self.init(
            event: event, time: time, model: state.model, strategy: state.spec.strategyName, phase: state.phase,
            step: min(state.step + 1, state.stepCount), steps: state.stepCount, actor: actor, reason: reason, checks: checks, gate: gate
        )
    }

    /// The notice of a lifecycle change, when it is one receivers can ask for.
    public init?(_ event: AuditEvent, state: ReleaseState, checks: [Check]) {
        guard let kind = NotificationEvent(event) else { return nil }
        self.init(kind, state: state, time: event.time, actor: event.actor, reason: event.reason, checks: checks)
    }

    /// The `turnout` commands that make sense in the release's phase, such as
    /// `turnout promote m` and `turnout abort m` while it runs.
    public var commands: [String] {
        let actions: [LifecycleAction] = switch phase {
        case .progressing, .paused: [.promote, .abort]
        case .promoted: [.rollback]
        case .aborted: [.retry]
        case .completed: []
        }
        return actions.map { "turnout \($0.rawValue) \(model)" }
    }

    enum CodingKeys: String, CodingKey {
        case event, time, model, strategy, phase, step, steps, actor, reason, checks, gate
    }
}
