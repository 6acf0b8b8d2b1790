/// Why a JsonLogic rule could not be evaluated.
public enum JsonLogicError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule names an operator that neither JsonLogic nor a registered extension defines.
    case unknownOperator(String)
    /// An operator was given arguments it cannot work with.
    case invalidArguments(operator: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .unknownOperator(let name): "unrecognized operation \"\(name)\""
        case .invalidArguments(let name, let reason): "invalid arguments to \"\(name)\": \(reason)"
        }
    }
}
