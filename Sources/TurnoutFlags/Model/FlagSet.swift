import Foundation

/// A flagd flag definition file: the flags, the flag-set metadata, and the flags that could not
/// be read.
///
/// Shared rules under `$evaluators` are substituted into each flag's targeting when the set
/// is parsed, so a `FlagSet` holds self-contained flags. As in flagd, one broken flag does not
/// take the others down: it is left out of `flags`, listed in `invalidFlags`, and evaluating it
/// answers `PARSE_ERROR`.
public struct FlagSet: Sendable, Equatable {
    /// The usable flags by key.
    public var flags: [String: Flag]
    /// Metadata of the whole set; a flag's own metadata overrides it key by key.
    public var metadata: [String: JSONValue]
    /// Flags whose definitions are broken (a `$ref` to a missing evaluator, an unknown operator,
    /// a default variant that is not a variant, ...), by key, with what is wrong with each.
    public var invalidFlags: [String: [FlagProblem]]
    /// Every problem found when the set was read, each once: those of `invalidFlags`, of shared
    /// evaluators no flag uses, and of set metadata entries that were left out.
    public var problems: [FlagProblem]
    /// How `fractional` hashes its bucketing value for every flag of the set.
    public var fractionalHashing: FractionalHashing

    /// Creates a set from already built flags.
    public init(
        flags: [Flag] = [],
        metadata: [String: JSONValue] = [:],
        invalidFlags: [String: [FlagProblem]] = [:],
        problems: [FlagProblem] = [],
        fractionalHashing: FractionalHashing = .v2
    ) {
        self.flags = Dictionary(flags.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        self.metadata = metadata
        self.invalidFlags = invalidFlags
        self.problems = problems
        self.fractionalHashing = fractionalHashing
    }

    /// Parses a flag definition document in flagd's JSON format.
    ///
    /// Throws only when the document has no flags to read (not JSON, not an object, no `flags`
    /// object); problems of single flags end up in `invalidFlags` and `problems`.
    public init(parsing data: Data, fractionalHashing: FractionalHashing = .v2) throws(FlagSetValidationError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw FlagSetValidationError(problems: [FlagProblem(path: "$", message: error.description)])
        }
        try self.init(json: document, fractionalHashing: fractionalHashing)
    }

    /// Reads an already parsed flag definition document; throws as ``init(parsing:fractionalHashing:)``.
    public init(json document: JSONValue, fractionalHashing: FractionalHashing = .v2) throws(FlagSetValidationError) {
        var reader = FlagSetReader()
        guard var result = reader.read(document) else {
            throw FlagSetValidationError(problems: reader.problems)
        }
        result.fractionalHashing = fractionalHashing
        self = result
    }

    /// Every key the set defines, usable or not, sorted.
    public var allKeys: [String] {
        Set(flags.keys).union(invalidFlags.keys).sorted()
    }
}
