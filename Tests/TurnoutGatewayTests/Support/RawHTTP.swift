import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Sends bytes exactly as given over one TCP connection and collects what comes back, for the
/// protocol details an HTTP client library hides (pipelining, HTTP/1.0, Expect: 100-continue).
enum RawHTTP {
    /// Writes `request`, then reads until `done` says the text so far is complete, the server
    /// closes, or `timeout` passes.
    static func exchange(
        port: Int,
        _ request: String,
        timeout: TimeAmount = .seconds(10),
        until done: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        let received = NIOLockedValueBox("")
        let finished = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received, finished: finished, done: done))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        let timer = channel.eventLoop.scheduleTask(in: timeout) { finished.succeed(()) }
        try await finished.futureResult.get()
        timer.cancel()
        try? await channel.close()
        return received.withLockedValue { $0 }
    }

    /// The status lines of the HTTP responses in `text`, 1xx included. A response body need not
    /// end with a line break, so a status line may start in the middle of a line.
    static func statusLines(in text: String) -> [String] {
        var lines: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "HTTP/1.") {
            let end = rest[start.lowerBound...].range(of: "\r\n")?.lowerBound ?? rest.endIndex
            lines.append(String(rest[start.lowerBound..<end]))
            rest = rest[end...]
        }
        return lines
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: NIOLockedValueBox<String>
        let finished: EventLoopPromise<Void>
        let done: @Sendable (String) -> Bool

        init(received: NIOLockedValueBox<String>, finished: EventLoopPromise<Void>, done: @escaping @Sendable (String) -> Bool) {
            self.received = received
            self.finished = finished
            self.done = done
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = received.withLockedValue { total in
                total += String(buffer: unwrapInboundIn(data))
                return total
            }
            if done(text) { finished.succeed(()) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            finished.succeed(())
        }
    }
}
