/// Why ``ReleaseLifecycle`` refused a command.
///
/// ``description`` is a single line meant for operators, naming the command, the release's
/// phase and what would be allowed instead.
public enum LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command is not allowed in the release's current phase.
    case notAllowed(action: LifecycleAction, model: String, phase: ReleasePhase, allowed: [LifecycleAction])
    /// A rollback was asked for, but the release records no previous stable version.
    case noPreviousStable(model: String, phase: ReleasePhase)
    /// A rollback was asked for after the rollback window closed.
    case rollbackWindowClosed(model: String, elapsed: Double, window: Double)

    /// The refused command's kind.
    public var action: LifecycleAction {
        switch self {
        case .notAllowed(let action, _, _, _): action
        case .noPreviousStable, .rollbackWindowClosed: .rollback
        }
    }

    /// One line saying what was refused and why.
    public var description: String {
        switch self {
        case .notAllowed(let action, let model, let phase, let allowed):
            let choices = allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", ")
            return "cannot \(action.rawValue): release of \(model) is \(phase.rawValue) (allowed: \(choices))"
        case .noPreviousStable(let model, let phase):
            return "cannot rollback: release of \(model) is \(phase.rawValue) but has no previous stable version to go back to"
        case .rollbackWindowClosed(let model, let elapsed, let window):
            return "cannot rollback: release of \(model) was promoted \(Self.seconds(elapsed)) ago, past its rollback window of \(Self.seconds(window))"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))s" : "\(value)s"
    }
}
