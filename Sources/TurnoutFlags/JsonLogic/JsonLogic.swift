/// A JsonLogic evaluator following json-logic-js semantics, extensible with custom operators.
///
/// A rule is any JSON value: an object with exactly one key is an operation
/// (`{"operator": [arguments]}`), an array evaluates each element, and everything else is a
/// literal. Arguments are evaluated before an operator runs, except for the control-flow
/// operators (`if`, `and`, `or`, `map`, ...), which evaluate lazily.
public struct JsonLogic: Sendable {
    /// A custom operator: receives its already evaluated arguments and the data the rule runs on.
    public typealias Operator = @Sendable (_ arguments: [JSONValue], _ data: JSONValue) throws(JsonLogicError) -> JSONValue

    /// Extensions by name; a custom operator cannot replace a standard one.
    public private(set) var customOperators: [String: Operator]

    /// Creates an evaluator with the standard operators plus `customOperators`.
    public init(customOperators: [String: Operator] = [:]) {
        self.customOperators = customOperators
    }

    /// The names of the operators every JsonLogic evaluator knows.
    public static let standardOperatorNames: Set<String> = [
        "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and",
        ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%", "map", "filter", "reduce", "all",
        "none", "some", "merge", "in", "cat", "substr", "log",
    ]

    /// Whether `name` is a standard or a registered custom operator.
    public func knowsOperator(_ name: String) -> Bool {
        Self.standardOperatorNames.contains(name) || customOperators[name] != nil
    }

    /// Evaluates `rule` against `data`.
    public func apply(_ rule: JSONValue, to data: JSONValue) throws(JsonLogicError) -> JSONValue {
        switch rule {
        case .array(let elements):
            var results: [JSONValue] = []
            results.reserveCapacity(elements.count)
            for element in elements {
                results.append(try apply(element, to: data))
            }
            return .array(results)
        case .object(let members) where members.count == 1:
            let (name, rawArguments) = members.first!
            let arguments: [JSONValue]
            if case .array(let list) = rawArguments {
                arguments = list
            } else {
                arguments = [rawArguments]
            }
            return try applyOperator(name, arguments: arguments, data: data)
        default:
            return rule
        }
    }

    private func applyOperator(_ name: String, arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        if let result = try applyControlFlow(name, arguments: arguments, data: data) {
            return result
        }
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            values.append(try apply(argument, to: data))
        }
        if let result = Self.applyStandard(name, values: values, data: data) {
            return result
        }
        if let custom = customOperators[name] {
            return try custom(values, data)
        }
        throw .unknownOperator(name)
    }
}
