/// Why an analysis request was rejected, naming the field and what was expected.
public struct AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the offending field, such as `arms[1].n`; empty for the whole document.
    public var field: String
    /// What was expected there, and what was found when known.
    public var message: String

    /// An error about `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`, or just the message for the whole document.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}
