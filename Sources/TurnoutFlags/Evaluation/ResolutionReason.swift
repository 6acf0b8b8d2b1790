/// Why a flag resolved the way it did (OpenFeature / flagd reasons).
public enum ResolutionReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The flag has no targeting; its default variant was served.
    case `static` = "STATIC"
    /// Targeting chose a variant.
    case targetingMatch = "TARGETING_MATCH"
    /// Targeting chose nothing, so the default variant (or the caller's default) applies.
    case `default` = "DEFAULT"
    /// The flag is disabled; the caller's default applies.
    case disabled = "DISABLED"
    /// Evaluation failed; see the error code.
    case error = "ERROR"
}
