/// What happened to one request once its version answered (or failed to).
package struct OutcomeRecord: Sendable, Equatable {
    /// The request id the outcome belongs to.
    package var requestID: String
    /// The HTTP status the client got.
    package var status: Int
    /// Time from receiving the request to sending the answer, in microseconds.
    package var latencyMicros: Int64
    /// Why the request failed (`timeout`, `connect`, `upstream_5xx`, ...), or `nil` when it did not.
    package var errorKind: String?

    /// Creates an outcome record.
    package init(requestID: String, status: Int, latencyMicros: Int64, errorKind: String? = nil) {
        self.requestID = requestID
        self.status = status
        self.latencyMicros = latencyMicros
        self.errorKind = errorKind
    }

    /// Whether the request counts as an error in the aggregates: it has an error kind or a 5xx status.
    package var isError: Bool {
        errorKind != nil || status >= 500
    }
}
