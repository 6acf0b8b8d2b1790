import Foundation

/// A shadow's answer to one sampled mirrored request, cut to the model's `log.max_bytes`; the
/// request and the primary's answer are the request's ``PayloadSample``.
package struct ShadowSample: Sendable, Equatable {
    /// The mirrored request's id (the primary's request id).
    package var requestID: String
    package var model: String
    /// The shadow version that answered.
    package var version: String
    /// When the shadow's call ended.
    package var time: Date
    /// How the call ended: `answered`, `timeout` or `failed`.
    package var outcome: String
    /// The shadow's status, when it answered.
    package var status: Int?
    /// The call's latency in microseconds, when it has one.
    package var latencyMicros: Int64?
    /// The shadow's answer (possibly cut); empty without one.
    package var response: Data
    /// Whether the answer was cut to fit the size limit.
    package var truncated: Bool

    /// Creates a sample.
    package init(
        requestID: String, model: String, version: String, time: Date, outcome: String,
        status: Int? = nil, latencyMicros: Int64? = nil, response: Data = Data(), truncated: Bool = false
    ) {
        self.requestID = requestID
        self.model = model
        self.version = version
        self.time = time
        self.outcome = outcome
        self.status = status
        self.latencyMicros = latencyMicros
        self.response = response
        self.truncated = truncated
    }
}
