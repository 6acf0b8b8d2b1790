/// Why a forwarded request got no (complete) answer from its upstream.
enum UpstreamError: Error, Sendable {
    /// The version has no instance that is ready and not ejected.
    case noInstance
    /// The TCP connection could not be established (refused, unreachable, connect timeout).
    case connectFailed
    /// Every pooled connection stayed busy for longer than the connect timeout.
    case poolTimeout
    /// The upstream closed the connection before the response was complete.
    case connectionClosed
    /// No upstream bytes within the read timeout.
    case readTimeout
    /// The request body could not be sent within the write timeout.
    case writeTimeout
    /// The whole exchange took longer than the total deadline.
    case deadlineExceeded
    /// The client stopped reading the response for longer than the write timeout.
    case clientTimeout

    /// The status the client gets when the response has not started yet.
    var status: Int {
        switch self {
        case .noInstance, .connectFailed, .poolTimeout: 503
        case .connectionClosed: 502
        case .readTimeout, .writeTimeout, .deadlineExceeded, .clientTimeout: 504
        }
    }

    /// The `reason` label of `turnout_upstream_errors_total`.
    var metricReason: String {
        switch self {
        case .noInstance: "no_instance"
        case .connectFailed: "connect"
        case .poolTimeout: "pool_timeout"
        case .connectionClosed: "closed"
        case .readTimeout: "read_timeout"
        case .writeTimeout: "write_timeout"
        case .deadlineExceeded: "deadline"
        case .clientTimeout: "client_timeout"
        }
    }

    /// The message in the client's `{"error": ...}` body.
    var message: String {
        switch self {
        case .noInstance: "no ready upstream instance for this version"
        case .connectFailed: "upstream connection failed"
        case .poolTimeout: "timed out waiting for an upstream connection"
        case .connectionClosed: "upstream closed the connection before answering"
        case .readTimeout: "upstream did not answer within the read timeout"
        case .writeTimeout: "upstream did not accept the request body within the write timeout"
        case .deadlineExceeded: "upstream did not finish within the request deadline"
        case .clientTimeout: "client stopped reading the response"
        }
    }
}
