import Foundation

/// Evaluates the flags of a `FlagSet` against evaluation contexts, with flagd's semantics.
///
/// - Disabled flag: reason `DISABLED`, no value (the caller's default applies), no error.
/// - No targeting: the default variant with reason `STATIC`.
/// - Targeting returns null: the default variant with reason `DEFAULT`.
/// - Targeting returns a variant name (or a boolean/number spelling one): that variant, `TARGETING_MATCH`.
/// - Targeting returns anything that is not a variant: `ERROR` / `GENERAL`.
/// - No default variant where one is needed: reason `DEFAULT` and no value.
/// - Typed evaluation of a resolved value of another type: `ERROR` / `TYPE_MISMATCH`.
/// - A flag whose definition could not be read (``FlagSet/invalidFlags``): `ERROR` / `PARSE_ERROR`,
///   with its problems as the message; the other flags evaluate as usual.
public struct FlagEvaluator: Sendable {
    /// The flags.
    public var flagSet: FlagSet
    /// The current time in unix seconds, injected so tests control `$flagd.timestamp`.
    public var clock: @Sendable () -> Double
    /// The JsonLogic engine (standard operators plus flagd's).
    public var logic: JsonLogic

    /// Creates an evaluator over `flagSet`, reading the system clock unless told otherwise.
    ///
    /// Without `logic`, flagd's operators with the set's ``FlagSet/fractionalHashing``.
    public init(
        flagSet: FlagSet,
        logic: JsonLogic? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.flagSet = flagSet
        self.logic = logic ?? .flagd(fractional: flagSet.fractionalHashing)
        self.clock = clock
    }

    /// Resolves `flagKey` for `context`; with `expecting`, a value of another type is a
    /// `TYPE_MISMATCH` error.
    public func evaluate(
        _ flagKey: String, context: EvaluationContext = EvaluationContext(), expecting type: FlagValueType? = nil
    ) -> FlagResolution {
        guard let flag = flagSet.flags[flagKey] else {
            if let problems = flagSet.invalidFlags[flagKey] {
                let details = problems.map(\.description).joined(separator: "; ")
                return .failure(flagKey, .parseError, "the flag's definition is invalid: \(details)", metadata: flagSet.metadata)
            }
            return .failure(flagKey, .flagNotFound, "flag \"\(flagKey)\" is not defined")
        }
        let metadata = flagSet.metadata.merging(flag.metadata) { _, flagValue in flagValue }
        let resolution = resolve(flag, context: context, metadata: metadata)
        return checked(resolution, expecting: type)
    }

    /// Resolves every flag for `context`, ordered by key (for bulk evaluation); invalid flags
    /// are included with their `PARSE_ERROR`.
    public func evaluateAll(context: EvaluationContext = EvaluationContext()) -> [FlagResolution] {
        flagSet.allKeys.map { evaluate($0, context: context) }
    }

    private func resolve(_ flag: Flag, context: EvaluationContext, metadata: [String: JSONValue]) -> FlagResolution {
        if flag.state == .disabled {
            return FlagResolution(flagKey: flag.key, value: nil, variant: nil, reason: .disabled, metadata: metadata)
        }
        guard let targeting = flag.targeting else {
            return resolveDefault(flag, reason: .static, metadata: metadata)
        }
        let timestamp = Int64(clock().rounded(.down))
        let outcome: JSONValue
        do {
            outcome = try logic.apply(targeting, to: context.targetingData(flagKey: flag.key, timestamp: timestamp))
        } catch {
            let code: ResolutionErrorCode = if case .unknownOperator = error { .parseError } else { .general }
            return .failure(flag.key, code, "targeting failed: \(error)", metadata: metadata)
        }
        if outcome.isNull {
            return resolveDefault(flag, reason: .default, metadata: metadata)
        }
        guard let name = Self.variantName(outcome), let value = flag.variants[name] else {
            return .failure(
                flag.key, .general, "targeting returned \(outcome.serialized()), which is not a variant of the flag",
                metadata: metadata)
        }
        return FlagResolution(flagKey: flag.key, value: value, variant: name, reason: .targetingMatch, metadata: metadata)
    }

    /// The default variant with `reason`, or no value (reason DEFAULT) when there is none.
    private func resolveDefault(_ flag: Flag, reason: ResolutionReason, metadata: [String: JSONValue]) -> FlagResolution {
        guard let name = flag.defaultVariant else {
            return FlagResolution(flagKey: flag.key, value: nil, variant: nil, reason: .default, metadata: metadata)
        }
        guard let value = flag.variants[name] else {
            return .failure(flag.key, .general, "default variant \"\(name)\" is not a variant of the flag", metadata: metadata)
        }
        return FlagResolution(flagKey: flag.key, value: value, variant: name, reason: reason, metadata: metadata)
    }

    /// How flagd reads a targeting result as a variant name: strings as they are, booleans as
    /// "true"/"false", numbers in their JavaScript spelling; containers name nothing.
    static func variantName(_ outcome: JSONValue) -> String? {
        switch outcome {
        case .string(let name): name
        case .bool(let value): value ? "true" : "false"
        case .number(let number): JavaScriptNumberFormat.string(number)
        default: nil
        }
    }

    /// Applies the typed-evaluation check to a result that carries a flag value.
    private func checked(_ resolution: FlagResolution, expecting type: FlagValueType?) -> FlagResolution {
        guard let type, let value = resolution.value, resolution.variant != nil, !type.matches(value) else {
            return resolution
        }
        return .failure(
            resolution.flagKey, .typeMismatch, "expected a \(type.rawValue) value, got \(value.kindName)",
            metadata: resolution.metadata)
    }
}
