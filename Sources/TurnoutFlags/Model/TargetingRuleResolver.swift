/// Substitutes `{"$ref": "name"}` with the named `$evaluators` rule and checks that every
/// operation in a targeting rule is one the evaluator knows.
///
/// Each rule's problems come back with it, including those of the shared rules it refers to,
/// so a broken evaluator makes exactly the flags that use it unusable.
struct TargetingRuleResolver {
    /// A rule with its references substituted, and what is wrong with it.
    struct Resolution {
        var rule: JSONValue
        var problems: [FlagProblem]
    }

    let evaluators: [String: JSONValue]
    let logic: JsonLogic
    /// Evaluators already resolved, so each shared rule is expanded and checked once.
    private var resolvedEvaluators: [String: Resolution] = [:]
    /// Evaluators whose resolution is in progress, to detect `$ref` cycles.
    private var resolving: Set<String> = []

    init(evaluators: [String: JSONValue], logic: JsonLogic = .flagd) {
        self.evaluators = evaluators
        self.logic = logic
    }

    /// The rule with references substituted; problems carry paths under `path`.
    mutating func resolve(_ rule: JSONValue, path: String) -> Resolution {
        var problems: [FlagProblem] = []
        let resolved = substitute(rule, path: path, problems: &problems)
        return Resolution(rule: resolved, problems: problems)
    }

    /// The problems of evaluators no flag refers to, so a broken shared rule is reported anyway.
    mutating func unusedEvaluatorProblems() -> [FlagProblem] {
        var problems: [FlagProblem] = []
        for name in evaluators.keys.sorted() where resolvedEvaluators[name] == nil {
            _ = reference(.string(name), path: "$evaluators.\(name)", problems: &problems)
        }
        return problems
    }

    private mutating func substitute(_ rule: JSONValue, path: String, problems: inout [FlagProblem]) -> JSONValue {
        switch rule {
        case .array(let elements):
            return .array(elements.enumerated().map { index, element in substitute(element, path: "\(path)[\(index)]", problems: &problems) })
        case .object(let members) where members.count == 1:
            let (name, arguments) = members.first!
            if name == "$ref" {
                return reference(arguments, path: path, problems: &problems)
            }
            if !logic.knowsOperator(name) {
                problems.append(FlagProblem(path: path, message: "unknown JsonLogic operator \"\(name)\""))
            }
            return .object([name: substitute(arguments, path: "\(path).\(name)", problems: &problems)])
        default:
            // Objects with zero or several keys are literals in JsonLogic; they are not evaluated.
            return rule
        }
    }

    private mutating func reference(_ target: JSONValue, path: String, problems: inout [FlagProblem]) -> JSONValue {
        guard case .string(let name) = target else {
            problems.append(FlagProblem(path: "\(path).$ref", message: "expected the name of an evaluator, got \(target.kindName)"))
            return .null
        }
        if let resolved = resolvedEvaluators[name] {
            problems.append(contentsOf: resolved.problems)
            return resolved.rule
        }
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
        var own: [FlagProblem] = []
        let resolved = substitute(rule, path: "$evaluators.\(name)", problems: &own)
        resolving.remove(name)
        resolvedEvaluators[name] = Resolution(rule: resolved, problems: own)
        problems.append(contentsOf: own)
        return resolved
    }
}
