import TurnoutCore

/// Why a release change was refused; each maps to one admin API status.
enum ReleaseControlError: Error, CustomStringConvertible, Sendable {
    /// No model has this name (404).
    case unknownModel(String)
    /// `If-Match` named another revision than the current one (409).
    case staleRevision(model: String, expected: Int, actual: Int)
    /// The lifecycle does not allow the command in the current phase (409).
    case refused(LifecycleError)
    /// The release does not validate (400), with every problem.
    case invalid(ConfigError)
    /// The change could not be persisted or published, so nothing changed (503 / 500).
    case failed(String)
    /// The command does not fit the release, such as `promote --to` outside a shadow release.
    case conflict(String)

    var description: String {
        switch self {
        case .unknownModel(let model): "model '\(model)' not found"
        case .staleRevision(let model, let expected, let actual):
            "the release of \(model) is at revision \(actual), not \(expected) as If-Match says; read it again and retry"
        case .refused(.notAllowed(let action, let model, let phase, let allowed)):
            // `complete` is the controller's own step; operators cannot send it, so it is not offered.
            LifecycleError.notAllowed(action: action, model: model, phase: phase, allowed: allowed.filter { $0 != .complete }).description
        case .refused(let error): error.description
        case .invalid(let error): "the release is not valid: " + error.issues.map(\.description).joined(separator: "; ")
        case .failed(let message), .conflict(let message): message
        }
    }
}
