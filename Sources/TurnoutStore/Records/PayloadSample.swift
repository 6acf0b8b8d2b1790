import Foundation

/// A sampled copy of one request's body and its answer, cut to the model's `max_bytes`.
public struct PayloadSample: Sendable, Equatable {
    /// The request id the payloads belong to.
    public var requestID: String
    /// The request body as received (possibly cut).
    public var request: Data
    /// The response body as sent (possibly cut).
    public var response: Data
    /// Whether either body was cut to fit the size limit.
    public var truncated: Bool

    /// Creates a payload sample.
    public init(requestID: String, request: Data, response: Data, truncated: Bool = false) {
        self.requestID = requestID
        self.request = request
        self.response = response
        self.truncated = truncated
    }
}
