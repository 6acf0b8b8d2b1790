/// The error codes an OFREP error body carries (OpenFeature error codes).
public enum OFREPErrorCode: String, Sendable, Hashable, CaseIterable {
    /// The request body, or the flag's targeting rule, could not be parsed.
    case parseError = "PARSE_ERROR"
    /// The evaluation needed a targeting key and the context had none.
    case targetingKeyMissing = "TARGETING_KEY_MISSING"
    /// The evaluation context is not usable (not an object, or a `targetingKey` that is not a string).
    case invalidContext = "INVALID_CONTEXT"
    /// No flag with the requested key (status 404).
    case flagNotFound = "FLAG_NOT_FOUND"
    /// Any other failure.
    case general = "GENERAL"

    /// The OFREP code for an evaluator error code.
    ///
    /// `TYPE_MISMATCH` cannot come from an OFREP evaluation, which carries no expected type (the
    /// client checks the type), so it is reported as `GENERAL` should it ever occur.
    init(_ code: ResolutionErrorCode) {
        switch code {
        case .flagNotFound: self = .flagNotFound
        case .parseError: self = .parseError
        case .typeMismatch, .general: self = .general
        }
    }
}
