/// What went wrong when a flag could not be resolved (OpenFeature error codes).
public enum ResolutionErrorCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// No flag with that key.
    case flagNotFound = "FLAG_NOT_FOUND"
    /// The resolved value does not have the type the caller asked for.
    case typeMismatch = "TYPE_MISMATCH"
    /// The flag's definition could not be read (a `$ref` to a missing evaluator, an unknown
    /// operator, ...), or its targeting could not be interpreted.
    case parseError = "PARSE_ERROR"
    /// Anything else, for example targeting that names a variant the flag does not have.
    case general = "GENERAL"
}
