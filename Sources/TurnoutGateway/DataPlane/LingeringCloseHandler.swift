import NIOCore
import NIOHTTP1

/// Closes a client connection whose client may still be sending, without destroying the
/// gateway's last answer: it closes the gateway's side for writing, discards whatever the
/// client still sends, and closes for good when the client closes or ``lingerTime`` passes.
///
/// Closing a socket that has unread input makes the kernel answer with a reset, and a client
/// that receives the reset before it has read the answer loses the answer (SwiftNIO handles a
/// reset before pending reads). That hits exactly the answers sent to clients still sending: a
/// 408 to a head trickling in, a 413 or 408 while a body arrives. nginx's `lingering_close` does
/// the same for the same reason.
///
/// It is added in front of the HTTP decoder only when such a connection closes, so the requests
/// of every other connection pass one handler fewer.
final class LingeringCloseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The longest a closing connection keeps reading: long enough for a client to read the
    /// answer, short enough that a client which never stops sending cannot keep it open.
    static let lingerTime: TimeAmount = .seconds(2)

    /// Half-closes `channel` and lingers; a channel without an HTTP decoder (already torn down)
    /// is closed at once.
    static func close(_ channel: any Channel) {
        let pipeline = channel.pipeline.syncOperations
        guard let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self),
            (try? pipeline.addHandler(LingeringCloseHandler(), position: .before(decoder.handler))) != nil
        else {
            channel.close(promise: nil)
            return
        }
        channel.close(mode: .output).assumeIsolated().whenFailure { _ in channel.close(promise: nil) }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.read()
        let channel = context.channel
        context.eventLoop.scheduleTask(in: Self.lingerTime) { channel.close(promise: nil) }
    }

    /// Discards what the client still sends: the exchange it belonged to is over.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    /// Keeps reading whatever the handlers behind paused, until the client's end of input
    /// closes the channel.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.read()
    }
}
