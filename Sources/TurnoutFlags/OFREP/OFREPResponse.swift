/// An HTTP response of the OFREP endpoints, ready for the gateway to send as it is.
public struct OFREPResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The header fields, in sending order.
    public var headers: [OFREPHeader]
    /// The body bytes (UTF-8 JSON, or empty for 304, 401 and 403).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [OFREPHeader], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, compared case-insensitively as HTTP does.
    public func header(named name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// A JSON response: the compact serialization of `json` with `Content-Type: application/json`.
    static func json(status: Int, _ json: JSONValue, extraHeaders: [OFREPHeader] = []) -> OFREPResponse {
        OFREPResponse(
            status: status,
            headers: [OFREPHeader(name: "Content-Type", value: "application/json")] + extraHeaders,
            body: Array(json.serialized().utf8))
    }
}

extension OFREPResponse {
    /// `401 Unauthorized`: the request carries no credentials, or credentials that are not valid.
    ///
    /// The protocol defines no body; `WWW-Authenticate` names the bearer scheme, as HTTP requires
    /// of a 401 (OFREP providers also send an `X-API-Key` header, which has no challenge scheme).
    public static let unauthorized = OFREPResponse(
        status: 401, headers: [OFREPHeader(name: "WWW-Authenticate", value: "Bearer")], body: [])

    /// `403 Forbidden`: the credentials are valid but do not allow flag evaluation.
    public static let forbidden = OFREPResponse(status: 403, headers: [], body: [])

    /// `500` with the protocol's `generalErrorResponse` body, `{"errorDetails": ...}`.
    public static func internalError(details: String) -> OFREPResponse {
        .json(status: 500, .object(["errorDetails": .string(details)]))
    }
}
