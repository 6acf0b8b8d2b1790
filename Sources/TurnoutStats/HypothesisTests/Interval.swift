/// A closed interval `[lower, upper]`; one-sided intervals use an infinite bound.
///
/// Encodes as a two-element JSON array with `null` for an infinite bound, because JSON has no
/// infinity.
public struct Interval: Sendable, Hashable, Codable {
    /// Lower bound, possibly `-.infinity`.
    public var lower: Double
    /// Upper bound, possibly `.infinity`.
    public var upper: Double

    /// An interval from its bounds.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// An interval symmetric around `center`.
    public init(center: Double, halfWidth: Double) {
        self.init(lower: center - halfWidth, upper: center + halfWidth)
    }

    /// Whether `value` lies inside the interval.
    public func contains(_ value: Double) -> Bool {
        lower <= value && value <= upper
    }

    /// Decodes `[lower, upper]`, `null` meaning unbounded on that side.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        lower = try container.decodeNil() ? -.infinity : try container.decode(Double.self)
        upper = try container.decodeNil() ? .infinity : try container.decode(Double.self)
    }

    /// Encodes `[lower, upper]`, an infinite bound as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for bound in [lower, upper] {
            if bound.isFinite { try container.encode(bound) } else { try container.encodeNil() }
        }
    }
}
