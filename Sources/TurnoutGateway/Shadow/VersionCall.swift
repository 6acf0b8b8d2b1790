import NIOCore
import NIOHTTP1

/// A request the gateway makes to a version on its own behalf: a mirrored copy or a smoke test.
struct VersionCall: Sendable {
    var route: GatewayRoute.ModelRouteKind
    var method: HTTPMethod
    var headers: HTTPHeaders
    var query: Substring
    var body: ByteBuffer
    var requestID: String
    /// Seconds the call may take.
    var timeout: Double
    /// Larger answers are read to the end but not kept.
    var maxBody: Int
}
