import NIOCore
import NIOHTTP1

/// Closes a client connection whose client may still be sending, without destroying the
/// gateway's last answer: it closes the gateway's side for writing, discards whatever the
/// client still sends, and closes for good when the client closes, when the client has sent
/// nothing for ``lingerTimeout``, or after ``lingerTime`` in all.
///
/// Closing a socket that has unread input makes the kernel answer with a reset, and a client
/// that receives the reset before it has read the answer loses the answer (SwiftNIO handles a
/// reset before pending reads). That hits exactly the answers sent to clients still sending: a
/// 408 to a head trickling in, a 413 or 408 while a body arrives. nginx's `lingering_close` does
/// the same for the same reason, with the same two limits (`lingering_timeout` 5 s,
/// `lingering_time` 30 s).
///
/// It is added in front of the HTTP decoder only when such a connection closes, so the requests
/// of every other connection pass one handler fewer.
final class LingeringCloseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The longest a closing connection waits for more of the client's bytes: a slow client
    /// (or a busy machine) gets time to read the answer before its next bytes would meet a reset.
    static let lingerTimeout: TimeAmount = .seconds(5)
    /// The longest a closing connection keeps reading in all, so a client that never stops
    /// sending cannot keep it open.
    static let lingerTime: TimeAmount = .seconds(30)

    private var end = NIODeadline.distantFuture
    private var idleClose: Scheduled<Void>?

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
        end = .now() + Self.lingerTime
        scheduleClose(context: context)
        context.read()
    }

    /// Discards what the client still sends (the exchange it belonged to is over) and waits
    /// for more.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        scheduleClose(context: context)
    }

    /// Keeps reading whatever the handlers behind paused, until the client's end of input
    /// closes the channel.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.read()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleClose?.cancel()
    }

    /// Closes after ``lingerTimeout`` from now, or at the end of ``lingerTime`` if sooner.
    private func scheduleClose(context: ChannelHandlerContext) {
        idleClose?.cancel()
        let channel = context.channel
        idleClose = context.eventLoop.scheduleTask(deadline: min(.now() + Self.lingerTimeout, end)) { channel.close(promise: nil) }
    }
}
