import Logging
import NIOCore
import Synchronization

/// Writes each line a child prints to the gateway's log, and keeps the last non-empty one (of
/// standard error) for the report of a crash.
final class OutputLineLogger: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let logger: Logger
    private let lastLine: LastOutputLine?

    init(logger: Logger, lastLine: LastOutputLine?) {
        self.logger = logger
        self.lastLine = lastLine
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = String(buffer: unwrapInboundIn(data))
        guard !line.isEmpty else { return }
        logger.info("\(line)")
        lastLine?.record(line)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A failed read of a child's output ends its capture, never the child.
        context.close(promise: nil)
    }
}
