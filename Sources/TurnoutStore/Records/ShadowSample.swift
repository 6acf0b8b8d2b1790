import Foundation

/// A shadow's answer to one sampled mirrored request, cut to the model's `log.max_bytes`; the
/// request and the primary's answer are the request's ``PayloadSample``.
public struct ShadowSample: Sendable, Equatable {
    /// The mirrored request's id (the primary's request id).
    public var requestID: String
    public var model: String
    /// The shadow version that answered.
    public var version: String
    /// When the shadow's call ended.
    public var time: Date
    /// How the call ended: `answered`, `timeout` or `failed`.
    public var outcome: String
    /// The shadow's status, when it answered.
    public var status: Int?
    /// The call's latency in microseconds, when it has one.
    public var latencyMicros: Int64?
    /// The shadow's answer (possibly cut); empty without one.
    public var response: Data
    /// Whether the answer was cut to fit the size limit.
    public var truncated: Bool

    /// Creates a sample.
    public init(
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
