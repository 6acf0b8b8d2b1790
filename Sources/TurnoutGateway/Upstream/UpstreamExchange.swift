import NIOCore
import NIOHTTP1

/// What uses a pooled upstream connection for one request: the data plane's ``InferenceHandler``
/// or the mirror's ``ShadowUpstreamCall``. ``UpstreamPool`` and ``UpstreamConnection`` speak to
/// it only, so the data plane and the shadow mirror share one HTTP/1 client (decision 0020).
///
/// Every method runs on the pool's event loop.
protocol UpstreamExchange: AnyObject {
    /// Whether the exchange is still waiting for a connection from `pool`.
    func isWaiting(on pool: UpstreamPool) -> Bool
    /// A connection became available after ``UpstreamPool/acquire(for:fresh:)`` said `pending`.
    func upstreamAcquired(_ connection: UpstreamConnection)
    /// No connection can be had from the pool.
    func upstreamUnavailable(_ error: UpstreamError)
    func upstreamResponseHead(_ head: HTTPResponseHead)
    func upstreamResponseBody(_ buffer: ByteBuffer)
    func upstreamReadComplete()
    /// The answer was read to its end; `reusable` is whether the upstream keeps the connection alive.
    func upstreamResponseEnd(reusable: Bool)
    func upstreamWritabilityChanged(isWritable: Bool)
    /// The connection closed during the exchange.
    func upstreamFailed(_ error: UpstreamError)
}
