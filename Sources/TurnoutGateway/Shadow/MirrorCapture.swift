import NIOCore
import NIOHTTP1
import TurnoutStats

/// What the data plane keeps of one mirrored request: its head, and the buffers of the request
/// and of the primary's response. The buffers are the ones the exchange relays anyway, kept by
/// reference (copy-on-write), so the same bytes serve both sides.
struct MirrorCapture {
    let runtime: ShadowRuntime
    let method: HTTPMethod
    let headers: HTTPHeaders
    let routeKind: GatewayRoute.ModelRouteKind
    let query: Substring
    private(set) var request: [ByteBuffer] = []
    private(set) var requestBytes = 0
    private(set) var response: [ByteBuffer] = []
    private(set) var responseBytes = 0
    /// With payload logging sampling this request, how much of each shadow answer to store.
    var logLimit: Int?
    /// Why the request can no longer be mirrored, once one side outgrew `max_body`.
    private(set) var skipReason: ShadowSkipReason?

    init(runtime: ShadowRuntime, head: HTTPRequestHead, routeKind: GatewayRoute.ModelRouteKind, query: Substring) {
        self.runtime = runtime
        self.method = head.method
        self.headers = head.headers
        self.routeKind = routeKind
        self.query = query
    }

    mutating func addRequest(_ buffer: ByteBuffer) {
        guard skipReason == nil else { return }
        requestBytes += buffer.readableBytes
        guard requestBytes <= runtime.spec.maxBody else { return skip(.bodyTooLarge) }
        request.append(buffer)
    }

    mutating func addResponse(_ buffer: ByteBuffer) {
        guard skipReason == nil else { return }
        responseBytes += buffer.readableBytes
        guard responseBytes <= runtime.spec.maxBody else { return skip(.notComparable) }
        response.append(buffer)
    }

    mutating func skip(_ reason: ShadowSkipReason) {
        skipReason = reason
        request.removeAll()
        response.removeAll()
    }
}
