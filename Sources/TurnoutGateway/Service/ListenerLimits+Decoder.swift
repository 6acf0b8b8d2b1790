import NIOHTTP1
import TurnoutCore

extension ListenerLimits {
    /// The HTTP/1 parser's bounds: the request line and every header name and value count
    /// towards `max_header_bytes`, each field towards `max_header_count`.
    package var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = maxHeaderBytes
        limits.maxHeaderListSize = maxHeaderBytes
        limits.maxHeaderFieldCount = maxHeaderCount
        return limits
    }
}
