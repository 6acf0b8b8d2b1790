/// Why a file could not be loaded as an XGBoost JSON model.
///
/// `reason` names the offending part of the document (for example
/// `learner.gradient_booster.model.trees[3].left_children`) and what was wrong with it, so a
/// start-up failure can be fixed without opening a debugger.
public struct XGBoostModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the JSON path involved.
    public let reason: String

    /// Creates an error with the given reason.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// The reason prefixed with the kind of failure.
    public var description: String { "not a usable XGBoost JSON model: \(reason)" }
}
