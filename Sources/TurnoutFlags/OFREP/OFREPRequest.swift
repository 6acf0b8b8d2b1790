import Foundation

/// A parsed OFREP evaluation request body, `{"context": {...}}`.
///
/// The protocol makes both the body and its `context` optional, so an empty body, `{}` and
/// `{"context": null}` all mean an empty context. Members other than `context` are ignored.
public struct OFREPRequest: Sendable, Equatable {
    /// The evaluation context to evaluate against.
    public var context: EvaluationContext

    /// Creates a request for `context`.
    public init(context: EvaluationContext = EvaluationContext()) {
        self.context = context
    }

    /// Parses a request body.
    ///
    /// Throws `PARSE_ERROR` when the body is not JSON or not a JSON object, and
    /// `INVALID_CONTEXT` when `context` is not an object or its `targetingKey` is not a string.
    public init(body: Data) throws(OFREPRequestError) {
        guard body.contains(where: { !Self.isJSONWhitespace($0) }) else {
            self.init()
            return
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body)
        } catch {
            throw OFREPRequestError(code: .parseError, details: "the request body is not valid JSON: \(error)")
        }
        guard case .object(let members) = document else {
            throw OFREPRequestError(
                code: .parseError, details: "the request body must be a JSON object, got \(document.kindName)")
        }
        switch members["context"] {
        case nil, .null?:
            self.init()
        case let context?:
            do {
                self.init(context: try EvaluationContext(json: context))
            } catch {
                throw OFREPRequestError(code: .invalidContext, details: "invalid context: \(error.message)")
            }
        }
    }

    /// Space, tab, line feed and carriage return: what RFC 8259 allows around a value.
    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
