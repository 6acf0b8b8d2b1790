import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One TCP connection kept open by a test, written to piece by piece, that tells when the
/// server closed it: for slow clients and connection limits, which a client library hides.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: NIOLockedValueBox<String>

    private init(channel: any Channel, received: NIOLockedValueBox<String>) {
        self.channel = channel
        self.received = received
    }

    /// Connects; `initial` is written as soon as the connection is up, on its event loop, so a
    /// short header timeout counted from the accept cannot pass before it is sent.
    static func open(port: Int, sending initial: String? = nil) async throws -> RawConnection {
        let received = NIOLockedValueBox("")
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received, initial: initial))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    /// Everything the server sent so far.
    var text: String { received.withLockedValue { $0 } }

    /// Writes `bytes`; false once the connection is closed.
    @discardableResult
    func send(_ bytes: String) async -> Bool {
        (try? await channel.writeAndFlush(ByteBuffer(string: bytes))) != nil
    }

    /// Whether the server closed the connection within `deadline` (a generous bound, not a measurement).
    func closedByServer(within deadline: Duration = .seconds(30)) async -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end {
            if !channel.isActive { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return !channel.isActive
    }

    /// Waits until the text received so far satisfies `done`, or `deadline` passes.
    func waitForText(within deadline: Duration = .seconds(30), until done: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end {
            let text = self.text
            if done(text) { return text }
            try await Task.sleep(for: .milliseconds(10))
        }
        return text
    }

    func close() async {
        try? await channel.close()
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let received: NIOLockedValueBox<String>
        let initial: String?

        init(received: NIOLockedValueBox<String>, initial: String?) {
            self.received = received
            self.initial = initial
        }

        func channelActive(context: ChannelHandlerContext) {
            if let initial { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: initial)), promise: nil) }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            received.withLockedValue { $0 += text }
        }
    }
}
