/// The alternative hypothesis of a test about the effect of a variant over control.
public enum Alternative: String, Sendable, Hashable, Codable, CaseIterable {
    /// The effect differs from the null value in either direction.
    case twoSided = "two_sided"
    /// The variant's effect is greater than the null value (one-sided).
    case greater
    /// The variant's effect is less than the null value (one-sided).
    case less
}
