/// Whether an effect is reported as a difference of means or relative to the control mean.
public enum EffectScale: String, Sendable, Hashable, Codable, CaseIterable {
    /// `(variant - control) / control`, a lift; its variance comes from the delta method.
    case relative
    /// `variant - control`, in the metric's units.
    case absolute
}
