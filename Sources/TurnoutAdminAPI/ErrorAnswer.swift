/// Every non-2xx JSON answer of the admin API: what was refused and, for an invalid release
/// document, each problem on its own.
public struct ErrorAnswer: Sendable, Hashable, Codable, Error {
    /// One line a person can act on.
    public var error: String
    /// The problems of a release document that did not validate; left out otherwise.
    public var problems: [String]?

    /// Creates an error answer.
    public init(error: String, problems: [String]? = nil) {
        self.error = error
        self.problems = problems
    }
}
