/// Substitutes `{"$ref": "name"}` with the named `$evaluators` rule and checks that every
/// operation in a targeting rule is one the evaluator knows.
struct TargetingRuleResolver {
    let evaluators: [String: JSONValue]
    let logic: JsonLogic
    private(set) var problems: [FlagProblem] = []
    /// Evaluators already resolved, so each shared rule is expanded and checked once.
    private var resolvedEvaluators: [String: JSONValue] = [:]
    /// Evaluators whose resolution is in progress, to detect `$ref` cycles.
    private var resolving: Set<String> = []

    init(evaluators: [String: JSONValue], logic: JsonLogic = .flagd) {
        self.evaluators = evaluators
        self.logic = logic
    }

    /// The rule with references substituted; problems are recorded with paths under `path`.
    mutating func resolve(_ rule: JSONValue, path: String) -> JSONValue {
        switch rule {
        case .array(let elements):
            return .array(elements.enumerated().map { index, element in resolve(element, path: "\(path)[\(index)]") })
        case .object(let members) where members.count == 1:
            let (name, arguments) = members.first!
            if name == "$ref" {
                return reference(arguments, path: path)
            }
            if !logic.knowsOperator(name) {
                problems.append(FlagProblem(path: path, message: "unknown JsonLogic operator \"\(name)\""))
            }
            return .object([name: resolve(arguments, path: "\(path).\(name)")])
        default:
            // Objects with zero or several keys are literals in JsonLogic; they are not evaluated.
            return rule
        }
    }

    /// Checks the evaluators no flag refers to, so a broken shared rule is reported anyway.
    mutating func checkUnusedEvaluators() {
        for name in evaluators.keys.sorted() where resolvedEvaluators[name] == nil {
            _ = reference(.string(name), path: "$evaluators.\(name)")
        }
    }

    private mutating func reference(_ target: JSONValue, path: String) -> JSONValue {
        guard case .string(let name) = target else {
            problems.append(FlagProblem(path: "\(path).$ref", message: "expected the name of an evaluator, got \(target.kindName)"))
            return .null
        }
        if let resolved = resolvedEvaluators[name] { return resolved }
        guard let rule = evaluators[name] else {
            let known = evaluators.keys.sorted().joined(separator: ", ")
            problems.append(FlagProblem(path: "\(path).$ref", message: "\"\(name)\" is not defined in $evaluators [\(known)]"))
            return .null
        }
        guard !resolving.contains(name) else {
            problems.append(FlagProblem(path: "\(path).$ref", message: "\"\(name)\" refers back to itself through $ref"))
            return .null
        }
        resolving.insert(name)
        let resolved = resolve(rule, path: "$evaluators.\(name)")
        resolving.remove(name)
        resolvedEvaluators[name] = resolved
        return resolved
    }
}
