/// What a provider said about one version: a value, no data, or no usable answer at all.
public enum MetricReading: Sendable, Equatable {
    /// A number (a boolean is 1 or 0). NaN counts as no data when judged.
    case value(Double)
    /// The provider answered, but with nothing to judge (an empty vector, null); the check's
    /// `no_data` setting decides.
    case noData(reason: String)
    /// The provider could not be asked or its answer not understood (unreachable, timeout,
    /// a status other than 200, an error answer, ambiguous or malformed data): never a pass.
    case unavailable(reason: String)
}
