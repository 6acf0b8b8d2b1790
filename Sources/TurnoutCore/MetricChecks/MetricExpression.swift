/// One side of a check's condition: arithmetic over the canary's value, the stable version's
/// value and numbers, such as `stable * 1.2`.
public indirect enum MetricExpression: Sendable, Equatable {
    /// A constant; `true` and `false` are 1 and 0, as a web check's booleans are.
    case number(Double)
    /// The query's value for the version under test.
    case canary
    /// The same query's value for the stable version.
    case stable
    /// `left op right`.
    case binary(ArithmeticOperator, MetricExpression, MetricExpression)
    /// `-operand`.
    case negated(MetricExpression)

    /// The four operators of an expression.
    public enum ArithmeticOperator: String, Sendable, Equatable, CaseIterable {
        case plus = "+", minus = "-", times = "*", divided = "/"
    }

    /// Whether evaluating the expression needs the stable version's value.
    public var mentionsStable: Bool {
        switch self {
        case .number, .canary: false
        case .stable: true
        case .binary(_, let left, let right): left.mentionsStable || right.mentionsStable
        case .negated(let operand): operand.mentionsStable
        }
    }

    /// Whether evaluating the expression needs the canary's value.
    public var mentionsCanary: Bool {
        switch self {
        case .number, .stable: false
        case .canary: true
        case .binary(_, let left, let right): left.mentionsCanary || right.mentionsCanary
        case .negated(let operand): operand.mentionsCanary
        }
    }

    /// The expression's value; IEEE arithmetic, so dividing by zero gives ±Inf or NaN, which
    /// the condition then judges.
    public func value(canary: Double, stable: Double) -> Double {
        switch self {
        case .number(let number): return number
        case .canary: return canary
        case .stable: return stable
        case .negated(let operand): return -operand.value(canary: canary, stable: stable)
        case .binary(let op, let left, let right):
            let (l, r) = (left.value(canary: canary, stable: stable), right.value(canary: canary, stable: stable))
            switch op {
            case .plus: return l + r
            case .minus: return l - r
            case .times: return l * r
            case .divided: return l / r
            }
        }
    }
}
