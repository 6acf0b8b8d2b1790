import NIOCore

/// Closes a connection as soon as it is active, reading nothing: the listener already had its
/// `max_connections` open. The client sees its connection accepted and closed at once.
///
/// Refusing from a handler rather than by failing the channel initializer keeps the accept
/// loop free of errors (an async server channel ends its stream of connections on one).
final class RefuseConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
