import Foundation

/// The pure functions behind `turnout flags validate` and `turnout flags eval`.
///
/// They take file contents and return values; reading files and printing is the CLI's job.
public enum FlagsCommand {
    /// Every problem in a flag definition document; empty when the document is valid.
    ///
    /// Print one `problem.description` per line and exit non-zero when this is not empty. This
    /// is stricter than serving the file: a gateway serves the flags that have no problem.
    public static func validate(_ document: Data) -> [FlagProblem] {
        do {
            return try FlagSet(parsing: document).problems
        } catch {
            return error.problems
        }
    }

    /// Evaluates `flagKey` from `flags` against a JSON context object such as
    /// `{"targetingKey": "user-1", "country": "NL"}` (an empty or absent context is `{}`).
    ///
    /// A file without readable flags fails; a broken flag in it evaluates to `PARSE_ERROR`.
    ///
    /// The success value's `json` (or `Encodable` form) is what `turnout flags eval` prints.
    public static func evaluate(
        flags document: Data,
        flagKey: String,
        context contextText: String?,
        expecting type: FlagValueType? = nil,
        fractionalHashing: FractionalHashing = .v2,
        timestamp: Double = Date().timeIntervalSince1970
    ) -> Result<FlagResolution, FlagsCommandError> {
        let flagSet: FlagSet
        do {
            flagSet = try FlagSet(parsing: document, fractionalHashing: fractionalHashing)
        } catch {
            return .failure(.invalidFlags(error.problems))
        }
        let context: EvaluationContext
        do {
            let trimmed = contextText?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            context = try EvaluationContext(json: trimmed.isEmpty ? .object([:]) : JSONValue(parsing: trimmed))
        } catch let error as JSONParseError {
            return .failure(.invalidContext("context: \(error.description)"))
        } catch let error as EvaluationContextError {
            return .failure(.invalidContext("context: \(error.message)"))
        } catch {
            return .failure(.invalidContext("context: \(error)"))
        }
        let evaluator = FlagEvaluator(flagSet: flagSet, clock: { timestamp })
        return .success(evaluator.evaluate(flagKey, context: context, expecting: type))
    }
}

/// Why `turnout flags eval` could not evaluate at all (as opposed to an evaluation error result).
public enum FlagsCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag file has no readable flags (not JSON, no `flags` object).
    case invalidFlags([FlagProblem])
    /// The `--context` argument is not a usable context object.
    case invalidContext(String)

    /// One line per problem.
    public var description: String {
        switch self {
        case .invalidFlags(let problems): problems.map(\.description).joined(separator: "\n")
        case .invalidContext(let message): message
        }
    }
}
