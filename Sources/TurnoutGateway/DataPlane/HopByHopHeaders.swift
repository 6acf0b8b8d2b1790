import NIOHTTP1

/// Removal of hop-by-hop headers (RFC 9110 §7.6.1), which describe one connection and must not
/// be forwarded: otherwise a client's `Connection: close` would close a pooled upstream connection.
enum HopByHopHeaders {
    static let names = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade",
        // Not hop-by-hop, but the gateway answers the expectation itself (see sendContinue).
        "expect",
    ]

    /// Removes the standard hop-by-hop headers and any header the `Connection` header names.
    static func remove(from headers: inout HTTPHeaders) {
        for token in headers[canonicalForm: "connection"] {
            headers.remove(name: String(token))
        }
        for name in names where headers.contains(name: name) {
            headers.remove(name: name)
        }
    }
}
