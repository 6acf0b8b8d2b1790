/// Whether a flag is in use.
public enum FlagState: String, Sendable, Hashable, CaseIterable {
    /// The flag is evaluated normally.
    case enabled = "ENABLED"
    /// The flag resolves to no value, so every caller uses its own default.
    case disabled = "DISABLED"
}
