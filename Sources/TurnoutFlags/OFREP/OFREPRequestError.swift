/// Why an OFREP request body was refused (answered with status 400).
public struct OFREPRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `PARSE_ERROR` for a body that is not a JSON object, `INVALID_CONTEXT` for an unusable context.
    public var code: OFREPErrorCode
    /// What is wrong, for the response's `errorDetails`.
    public var details: String

    /// Creates the error.
    public init(code: OFREPErrorCode, details: String) {
        self.code = code
        self.details = details
    }

    /// The code and the details.
    public var description: String { "\(code.rawValue): \(details)" }
}
