import NIOHTTP1

/// The head the gateway sends upstream for a client's request head.
///
/// A pure function of the client's head and what the connection knows, kept apart from
/// `InferenceHandler` so the per-request cost of rewriting it can be benchmarked on its own
/// (Benchmarks/TurnoutGatewayBenchmarks).
package enum UpstreamRequestHead {
    /// The client's head with its hop-by-hop headers removed, the request id, `X-Forwarded-For`
    /// and `Forwarded` set, for `path` on the upstream, in HTTP/1.1. The upstream's `Host` is
    /// set later, once an instance is chosen.
    package static func make(
        from head: HTTPRequestHead,
        path: String,
        requestID: String,
        clientAddress: String,
        forwardedElement: String
    ) -> HTTPRequestHead {
        var headers = head.headers
        let chunked = headers.contains(name: "transfer-encoding") && !headers.contains(name: "content-length")
        HopByHopHeaders.remove(from: &headers)
        if chunked { headers.add(name: "transfer-encoding", value: "chunked") }
        headers.replaceOrAdd(name: "x-request-id", value: requestID)
        let forwardedFor = headers.first(name: "x-forwarded-for").map { "\($0), \(clientAddress)" } ?? clientAddress
        headers.replaceOrAdd(name: "x-forwarded-for", value: forwardedFor)
        let original = head.headers.first(name: "host").map { "\(forwardedElement);host=\"\($0)\"" } ?? forwardedElement
        headers.add(name: "forwarded", value: original)
        return HTTPRequestHead(version: .http1_1, method: head.method, uri: path, headers: headers)
    }
}
