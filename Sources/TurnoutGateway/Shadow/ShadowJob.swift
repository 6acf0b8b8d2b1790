import NIOCore
import NIOHTTP1

/// A request to replay against a model's shadow versions, with the primary's answer to compare
/// theirs with. Built by the data plane once the primary has answered; never awaited there.
struct ShadowJob: Sendable {
    let model: String
    let runtime: ShadowRuntime
    let requestID: String
    let method: HTTPMethod
    let headers: HTTPHeaders
    let routeKind: GatewayRoute.ModelRouteKind
    let query: Substring
    /// The request body as it arrived, in parts.
    let body: [ByteBuffer]
    let primaryVersion: String
    let primaryStatus: Int
    /// Seconds from the request's arrival to the end of the primary's response.
    let primaryLatency: Double
    /// The primary's response body as it arrived, in parts.
    let primaryBody: [ByteBuffer]
    /// Set when the shadows' answers are to be stored, cut to this many bytes.
    let logLimit: Int?

    /// The bytes the job holds, counted against the mirror's budget.
    var bytes: Int {
        body.reduce(0) { $0 + $1.readableBytes } + primaryBody.reduce(0) { $0 + $1.readableBytes }
    }

    /// A body in one buffer; the parts are joined here, off the event loop.
    static func joined(_ parts: [ByteBuffer]) -> ByteBuffer {
        if parts.count == 1 { return parts[0] }
        var whole = ByteBuffer()
        whole.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes })
        for var part in parts { whole.writeBuffer(&part) }
        return whole
    }
}
