import Foundation

/// A validated flagd flag definition file: the flags and the flag-set metadata.
///
/// Shared rules under `$evaluators` are substituted into each flag's targeting when the set
/// is parsed, so a `FlagSet` holds self-contained flags.
public struct FlagSet: Sendable, Equatable {
    /// The flags by key.
    public var flags: [String: Flag]
    /// Metadata of the whole set; a flag's own metadata overrides it key by key.
    public var metadata: [String: JSONValue]

    /// Creates a set from already built flags.
    public init(flags: [Flag] = [], metadata: [String: JSONValue] = [:]) {
        self.flags = Dictionary(flags.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        self.metadata = metadata
    }

    /// Parses and validates a flag definition document in flagd's JSON format.
    ///
    /// Throws every problem found, each with the JSON path it concerns.
    public init(parsing data: Data) throws(FlagSetValidationError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw FlagSetValidationError(problems: [FlagProblem(path: "$", message: error.description)])
        }
        try self.init(json: document)
    }

    /// Validates an already parsed flag definition document.
    public init(json document: JSONValue) throws(FlagSetValidationError) {
        var reader = FlagSetReader()
        let result = reader.read(document)
        guard reader.problems.isEmpty, let result else {
            throw FlagSetValidationError(problems: reader.problems)
        }
        self = result
    }
}
