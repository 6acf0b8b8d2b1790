/// A model's gates (`models.<name>.gates`): URLs asked before the controller moves a release
/// on, and the manual `confirm` gate.
///
/// A URL gate is POSTed a JSON description of the release; 200 lets the controller's command
/// through, anything else (another status, no answer within ``timeout``, an error) holds it,
/// and the controller asks again when it decides the same command at its next interval.
/// Gates hold only the controller: an operator's `turnout promote`, `abort` or `rollback` goes
/// through at once.
public struct GateSpec: Sendable, Equatable {
    /// Asked before a new release takes traffic, again each ``interval`` until it answers 200;
    /// meanwhile the release routes all traffic to its stable version and its controller waits.
    public var beforeStart: String?
    /// Asked before each step the controller advances to.
    public var beforeStep: String?
    /// Asked before the controller gives the new version all of the traffic.
    public var beforePromotion: String?
    /// Told after every abort and rollback, again each ``interval`` until it answers 200.
    public var afterRollback: String?
    /// Whether the controller's final promotion waits for `turnout promote`.
    public var confirm: Bool
    /// How long one gate call may take, in seconds.
    public var timeout: Double
    /// How often an unanswered `before_start` is asked and `after_rollback` told again, in seconds.
    public var interval: Double

    /// The default timeout of a gate call.
    public static let defaultTimeout = 5.0
    /// The default interval between calls to an `after_rollback` that has not answered 200.
    public static let defaultInterval = 30.0

    /// Gates from their parts; none by default.
    public init(
        beforeStart: String? = nil, beforeStep: String? = nil, beforePromotion: String? = nil, afterRollback: String? = nil, confirm: Bool = false,
        timeout: Double = defaultTimeout, interval: Double = defaultInterval
    ) {
        self.beforeStart = beforeStart
        self.beforeStep = beforeStep
        self.beforePromotion = beforePromotion
        self.afterRollback = afterRollback
        self.confirm = confirm
        self.timeout = timeout
        self.interval = interval
    }

    /// The URL of `point`, if it has one.
    public func url(of point: GatePoint) -> String? {
        switch point {
        case .beforeStart: beforeStart
        case .beforeStep: beforeStep
        case .beforePromotion: beforePromotion
        case .afterRollback: afterRollback
        case .confirm: nil
        }
    }

    /// The gate a controller's `command` must pass in `state`, or `nil` when none holds it: a
    /// promotion that gives the new version all of the traffic waits for `confirm`, else for
    /// `before_promotion`; one that advances a step waits for `before_step`.
    public func gate(for command: LifecycleCommand, in state: ReleaseState) -> GatePoint? {
        let final: Bool
        switch command.action {
        case .promote: final = state.isAtLastStep
        case .promoteFull: final = true
        default: return nil
        }
        guard state.phase == .progressing else { return nil }
        if final {
            if confirm { return .confirm }
            return beforePromotion == nil ? nil : .beforePromotion
        }
        return beforeStep == nil ? nil : .beforeStep
    }
}
