/// One problem found in a configuration: where it is and what was expected.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// The dotted key path, such as `models.fraud.release.weights.v3`.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String

    /// Creates an issue.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The issue as one line: `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// A configuration that failed validation, with every problem found.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem, in document order.
    public var issues: [ConfigIssue]

    /// Creates an error from its issues.
    public init(_ issues: [ConfigIssue]) {
        self.issues = issues
    }

    /// One line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
