/// Reads a flagd document into a `FlagSet`, collecting every problem instead of stopping at the
/// first, and keeping every flag that has none usable.
struct FlagSetReader {
    private(set) var problems: [FlagProblem] = []

    /// The properties a flag may have; flagd also tolerates `source` and `selector` from its sync layer.
    static let flagProperties: Set<String> = ["state", "variants", "defaultVariant", "targeting", "metadata", "source", "selector"]

    /// The set, or `nil` when the document has no flags to read (then `problems` says why).
    ///
    /// A flag with problems is kept out of `flags` and listed in `invalidFlags`; the others are
    /// read as usual. `problems` lists everything found, each once.
    mutating func read(_ document: JSONValue) -> FlagSet? {
        guard case .object(let root) = document else {
            report("$", "the document must be a JSON object, got \(document.kindName)")
            return nil
        }
        let evaluators = readEvaluators(root["$evaluators"])
        let metadata = readMetadata(root["metadata"], path: "metadata")
        guard let flagsValue = root["flags"] else {
            report("flags", "is required (an object of flag definitions)")
            return nil
        }
        guard case .object(let flagDefinitions) = flagsValue else {
            report("flags", "expected an object of flag definitions, got \(flagsValue.kindName)")
            return nil
        }
        var resolver = TargetingRuleResolver(evaluators: evaluators)
        var flags: [Flag] = []
        var invalidFlags: [String: [FlagProblem]] = [:]
        for key in flagDefinitions.keys.sorted() {
            switch readFlag(key: key, definition: flagDefinitions[key]!, resolver: &resolver) {
            case .success(let flag): flags.append(flag)
            case .failure(let error): invalidFlags[key] = error.problems
            }
        }
        record(resolver.unusedEvaluatorProblems())
        return FlagSet(flags: flags, metadata: metadata, invalidFlags: invalidFlags, problems: problems)
    }

    /// Adds problems not already listed (a shared evaluator's problems come with every flag using it).
    private mutating func record(_ found: [FlagProblem]) {
        for problem in found where !problems.contains(problem) {
            problems.append(problem)
        }
    }

    private mutating func report(_ path: String, _ message: String) {
        problems.append(FlagProblem(path: path, message: message))
    }

    private mutating func readEvaluators(_ value: JSONValue?) -> [String: JSONValue] {
        guard let value else { return [:] }
        guard case .object(let evaluators) = value else {
            report("$evaluators", "expected an object of named targeting rules, got \(value.kindName)")
            return [:]
        }
        return evaluators
    }

    /// Metadata values must be strings, numbers or booleans (flagd's rule for flag and set
    /// metadata); other values are reported and left out.
    private mutating func readMetadata(_ value: JSONValue?, path: String) -> [String: JSONValue] {
        guard let value else { return [:] }
        guard case .object(let members) = value else {
            report(path, "expected an object, got \(value.kindName)")
            return [:]
        }
        var usable: [String: JSONValue] = [:]
        for key in members.keys.sorted() {
            switch members[key]! {
            case .string, .number, .bool:
                usable[key] = members[key]
            case let other:
                report("\(path).\(key)", "expected a string, number or boolean, got \(other.kindName)")
            }
        }
        return usable
    }

    /// The flag, or every problem of its definition (its own and those of the evaluators it uses).
    private mutating func readFlag(
        key: String, definition: JSONValue, resolver: inout TargetingRuleResolver
    ) -> Result<Flag, FlagSetValidationError> {
        let path = "flags.\(key)"
        let problemsBefore = problems.count
        guard case .object(let members) = definition else {
            report(path, "expected a flag definition object, got \(definition.kindName)")
            return .failure(FlagSetValidationError(problems: Array(problems[problemsBefore...])))
        }
        for property in members.keys.sorted() where !Self.flagProperties.contains(property) {
            report("\(path).\(property)", "unknown property (a flag has state, variants, defaultVariant, targeting, metadata)")
        }
        let state = readState(members["state"], path: "\(path).state")
        let variants = readVariants(members["variants"], path: "\(path).variants")
        let defaultVariant = readDefaultVariant(members["defaultVariant"], variants: variants, path: "\(path).defaultVariant")
        let metadata = readMetadata(members["metadata"], path: "\(path).metadata")
        var flagProblems = Array(problems[problemsBefore...])
        let targeting = readTargeting(members["targeting"], path: "\(path).targeting", resolver: &resolver)
        flagProblems.append(contentsOf: targeting.problems)
        record(targeting.problems)
        guard flagProblems.isEmpty, let state, let variants else {
            return .failure(FlagSetValidationError(problems: flagProblems))
        }
        return .success(
            Flag(
                key: key, state: state, variants: variants, defaultVariant: defaultVariant,
                targeting: targeting.rule, metadata: metadata))
    }

    private mutating func readState(_ value: JSONValue?, path: String) -> FlagState? {
        guard let value else {
            report(path, "is required (ENABLED or DISABLED)")
            return nil
        }
        guard case .string(let text) = value, let state = FlagState(rawValue: text) else {
            report(path, "expected ENABLED or DISABLED, got \(value.serialized())")
            return nil
        }
        return state
    }

    private mutating func readVariants(_ value: JSONValue?, path: String) -> [String: JSONValue]? {
        guard let value else {
            report(path, "is required (an object of named values)")
            return nil
        }
        guard case .object(let variants) = value, !variants.isEmpty else {
            report(path, value.objectValue == nil ? "expected an object of named values, got \(value.kindName)" : "must name at least one variant")
            return nil
        }
        var typesSeen: [FlagValueType: String] = [:]
        for name in variants.keys.sorted() {
            guard let type = FlagValueType(of: variants[name]!) else {
                report("\(path).\(name)", "a variant value cannot be null")
                continue
            }
            if typesSeen[type] == nil { typesSeen[type] = name }
        }
        if typesSeen.count > 1 {
            let description = typesSeen.sorted { $0.value < $1.value }.map { "\($0.value) is \($0.key.rawValue)" }.joined(separator: ", ")
            report(path, "variants must all have one type (boolean, string, number or object), but \(description)")
        }
        return variants
    }

    /// `defaultVariant` may be absent, null or "" (the caller's default is used), or name a variant.
    private mutating func readDefaultVariant(_ value: JSONValue?, variants: [String: JSONValue]?, path: String) -> String? {
        guard let value, !value.isNull, value != .string("") else { return nil }
        guard case .string(let name) = value else {
            report(path, "expected a variant name or null, got \(value.kindName)")
            return nil
        }
        if let variants, variants[name] == nil {
            report(path, "\(value.serialized()) is not one of the variants [\(variants.keys.sorted().joined(separator: ", "))]")
        }
        return name
    }

    private mutating func readTargeting(
        _ value: JSONValue?, path: String, resolver: inout TargetingRuleResolver
    ) -> (rule: JSONValue?, problems: [FlagProblem]) {
        guard let value, value != .object([:]) else { return (nil, []) }
        guard case .object = value else {
            return (nil, [FlagProblem(path: path, message: "expected a JsonLogic rule object, got \(value.kindName)")])
        }
        let resolution = resolver.resolve(value, path: path)
        return (resolution.rule, resolution.problems)
    }
}
