/// When a metric check passes or fails: a comparison such as `> 0.9` (the canary's value is
/// the left side) or `canary > stable * 1.2`, read as `fail_when` or `pass_when`.
public struct MetricCondition: Sendable, Equatable {
    /// Whether the comparison holding means the check fails or passes.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case failWhen = "fail_when"
        case passWhen = "pass_when"
    }

    /// The six comparisons.
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "==", notEqual = "!="

        /// IEEE comparison: any comparison with NaN is false, except `!=`.
        func holds(_ left: Double, _ right: Double) -> Bool {
            switch self {
            case .greater: left > right
            case .greaterOrEqual: left >= right
            case .less: left < right
            case .lessOrEqual: left <= right
            case .equal: left == right
            case .notEqual: left != right
            }
        }
    }

    /// `fail_when` or `pass_when`.
    public var kind: Kind
    /// The condition as written, kept for the document form and the summaries.
    public var source: String
    /// The left side; `canary` when the condition starts with its comparison.
    public var left: MetricExpression
    /// The comparison.
    public var comparison: Comparison
    /// The right side.
    public var right: MetricExpression

    /// Whether the check must query the stable version too.
    public var mentionsStable: Bool { left.mentionsStable || right.mentionsStable }
}
