/// Why a test cannot produce a result from the given statistics.
public enum StatisticsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An arm has no observations.
    case emptyArm
    /// A relative effect needs a non-zero control mean.
    case zeroControlMean
    /// An arm's variance is zero or negative (for example all values equal, or fewer than two).
    case zeroVariance
    /// A parameter is outside its domain; the string names it and what was expected.
    case invalidParameter(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .emptyArm: "an arm has no observations"
        case .zeroControlMean: "the control mean is zero, so a relative effect is undefined"
        case .zeroVariance: "an arm has zero variance (too few or identical observations)"
        case .invalidParameter(let message): message
        }
    }
}
