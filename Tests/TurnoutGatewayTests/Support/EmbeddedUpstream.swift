import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import TurnoutGateway

/// An upstream connection on an `EmbeddedChannel` of the client's embedded loop, parked idle in
/// the pool the data plane takes its connections from: the handler relays to it as to a socket,
/// and the test reads the request it sent and writes the upstream's answer by hand.
struct EmbeddedUpstream {
    struct NoUpstreamVersion: Error {}

    let channel: EmbeddedChannel

    /// Parks a connection to the first instance of `version` of `model` in `connection`'s pool,
    /// as `snapshot` (by default the connection's first) has it.
    init(for connection: InferenceHandlerTests.Connection, model: String = "m", version: String = "v1", snapshot: GatewaySnapshot? = nil) throws {
        guard case .upstream(let group) = (snapshot ?? connection.snapshot).models[model]?.versions[version]?.backend,
              let instance = group.instances.first
        else { throw NoUpstreamVersion() }
        let pool = connection.loopContext.pool(for: instance, config: group.config)
        channel = EmbeddedChannel(loop: connection.loop)
        try channel.pipeline.syncOperations.addHTTPClientHandlers()
        let upstream = UpstreamConnection(pool: pool)
        try channel.pipeline.syncOperations.addHandler(upstream)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9000)).wait()
        pool.reinsert(upstream)
    }

    /// Everything the gateway sent this upstream so far, as text.
    func received() throws -> String {
        var text = ""
        while let part = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = part { text += String(buffer: buffer) }
        }
        return text
    }

    /// Delivers `text` as bytes the upstream sent.
    func answer(_ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }
}
