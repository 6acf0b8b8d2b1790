import NIOCore

/// How one shadow call ended.
enum ShadowCallResult: Sendable {
    /// The shadow answered; `body` is nil when it was larger than `max_body`.
    case answered(status: Int, latency: Double, body: ByteBuffer?)
    case timedOut(latency: Double)
    /// No answer: refused connection, no instance, a broken response.
    case failed(reason: String)

    /// The `outcome` label of `turnout_shadow_requests_total`.
    var metricOutcome: String {
        switch self {
        case .answered(let status, _, _): (200..<300).contains(status) ? "answered" : "error"
        case .timedOut: "timeout"
        case .failed: "error"
        }
    }
}
