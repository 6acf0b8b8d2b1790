/// One thing wrong in a flag definition document.
public struct FlagProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where: a dotted JSON path such as `flags.my-flag.defaultVariant` (`$` is the document).
    public var path: String
    /// What is wrong and what was expected.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// "path: message", one line.
    public var description: String { "\(path): \(message)" }
}

/// A flag definition document that cannot be used, with every problem found in it.
public struct FlagSetValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in document order as far as JSON objects have one (keys are visited sorted).
    public var problems: [FlagProblem]

    /// Creates the error.
    public init(problems: [FlagProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
