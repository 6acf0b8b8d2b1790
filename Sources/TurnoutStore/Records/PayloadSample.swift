import Foundation

/// A sampled copy of one request's body and its answer, cut to the model's `max_bytes`.
package struct PayloadSample: Sendable, Equatable {
    /// The request id the payloads belong to.
    package var requestID: String
    /// The request body as received (possibly cut).
    package var request: Data
    /// The response body as sent (possibly cut).
    package var response: Data
    /// Whether either body was cut to fit the size limit.
    package var truncated: Bool

    /// Creates a payload sample.
    package init(requestID: String, request: Data, response: Data, truncated: Bool = false) {
        self.requestID = requestID
        self.request = request
        self.response = response
        self.truncated = truncated
    }
}
