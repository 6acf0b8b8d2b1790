import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// ``InferenceHandler`` on an `EmbeddedChannel`: no sockets and no waiting. Time is the embedded
/// loop's, which the handler and its ``LoopContext`` read, so timeouts fire on `advanceTime`.
@Suite("Inference handler on an embedded channel")
struct InferenceHandlerTests {
    /// A data-plane connection with the server pipeline `DataPlaneServer` builds, serving one
    /// in-process model (so no request leaves the embedded loop), or the `version` given, which
    /// an ``EmbeddedUpstream`` can serve.
    struct Connection {
        let loop: EmbeddedEventLoop
        let channel: EmbeddedChannel
        let handler: InferenceHandler
        let snapshot: GatewaySnapshot
        let loopContext: LoopContext

        init(limits: String = "", version: String? = nil, holds: [String: Duration] = [:]) throws {
            let model = BuiltinModelTests.root.appending(path: "examples/models/breast-cancer-v1.json").path
            let v1 = version ?? "{ builtin: \(model) }"
            let config = try TurnoutConfig.parse(yaml: "\(limits)models:\n  m: { versions: { v1: \(v1) } }\n")
            var builder = SnapshotBuilder()
            snapshot = try builder.build(config, flags: nil, holds: holds)
            let metrics = GatewayMetrics()
            let shared = DataPlaneShared(snapshot: snapshot, metrics: metrics, flags: nil, ofrepToken: nil, writer: nil, serverVersion: "test")
            loop = EmbeddedEventLoop()
            channel = EmbeddedChannel(loop: loop)
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: true, withOutboundHeaderValidation: true,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: snapshot.limits.decoderLimits
            )
            loopContext = LoopContext(eventLoop: loop, metrics: metrics)
            handler = InferenceHandler(shared: shared, loop: loopContext)
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        }

        func send(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
        }

        /// Everything the handler wrote to the client so far, as text.
        func written() throws -> String {
            var text = ""
            while let part = try channel.readOutbound(as: IOData.self) {
                if case .byteBuffer(let buffer) = part { text += String(buffer: buffer) }
            }
            return text
        }
    }

    /// The status lines of the answers in `text`, in order.
    static func statuses(_ text: String) -> [String] {
        // A body has no line end of its own, so the next status line follows it directly.
        text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { "HTTP/1.1 " + ($0.components(separatedBy: "\r\n").first ?? "") }
    }

    @Test("two pipelined requests in one read are answered in order")
    func pipelining() throws {
        let connection = try Connection()
        try connection.send("GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\nGET /v2/models/nope HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        let text = try connection.written()
        let statuses = Self.statuses(text)
        #expect(statuses.count == 2, "\(statuses) \(text)")
        #expect(statuses.first?.hasPrefix("HTTP/1.1 200") == true, "\(statuses)")
        #expect(statuses.last?.hasPrefix("HTTP/1.1 404") == true, "\(statuses)")
        #expect(connection.channel.isActive, "a keep-alive connection stays open after both answers")
    }

    @Test("a client that closes mid-body gets no answer and its connection is no longer swept")
    func clientCloseMidBody() throws {
        let connection = try Connection()
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"inputs\":")
        connection.loop.run()
        #expect(connection.handler.clientIndex != nil, "the loop checks the connection's client timeouts")
        try connection.channel.close().wait()
        connection.loop.advanceTime(by: .seconds(120))
        // NIO's parser may still report the cut request (a 400 that no socket carries); the
        // gateway's own answers all carry a request id, and none may come.
        let answer = try connection.written()
        #expect(!answer.contains("x-request-id"), "nothing is answered to a client that left: \(answer)")
        #expect(connection.handler.clientIndex == nil, "a closed connection is no longer swept")
    }

    @Test("a body that stalls longer than body_timeout is answered 408 and closed, on the embedded loop's clock")
    func bodyTimeout() throws {
        let connection = try Connection(limits: "limits: { body_timeout: 2s }\n")
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"inputs\":")
        connection.loop.run()
        connection.loop.advanceTime(by: .milliseconds(1500))
        #expect(try connection.written().isEmpty, "1.5 s of a 2 s timeout: still waiting for the body")
        connection.loop.advanceTime(by: .seconds(1))
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 408") == true, "\(text)")
        #expect(text.lowercased().contains("connection: close"), "\(text)")
        #expect(!connection.channel.isActive, "the connection closes after the 408")
    }

    @Test("local routes on the data plane: 405 with allow for a GET on OFREP, 503 for feedback without a store, then a pipelined health check on the same connection")
    func localRoutes() throws {
        let connection = try Connection()
        try connection.send(
            "GET /ofrep/v1/evaluate/flags HTTP/1.1\r\nhost: x\r\n\r\n"
                + "POST /v1/feedback HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}"
                + "GET /v2/health/ready HTTP/1.1\r\nhost: x\r\n\r\n"
        )
        connection.loop.run()
        let text = try connection.written()
        let statuses = Self.statuses(text)
        #expect(statuses.count == 3, "\(statuses) \(text)")
        #expect(statuses.first?.hasPrefix("HTTP/1.1 405") == true, "\(statuses)")
        #expect(text.lowercased().contains("allow: post"), "\(text)")
        #expect(text.contains("feedback needs a store, and this gateway runs with store: none"), "\(text)")
        #expect(statuses.dropFirst().first?.hasPrefix("HTTP/1.1 503") == true, "\(statuses)")
        #expect(statuses.last?.hasPrefix("HTTP/1.1 200") == true || statuses.last?.hasPrefix("HTTP/1.1 503") == true, "\(statuses)")
        #expect(connection.channel.isActive, "local answers keep the connection alive")
    }

    @Test("an OFREP body over limits.max_ofrep_context is refused 413 from its content-length and the connection closes")
    func ofrepContextLimit() throws {
        let connection = try Connection(limits: "limits: { max_ofrep_context: 1KiB }\n")
        try connection.send("POST /ofrep/v1/evaluate/flags/f HTTP/1.1\r\nhost: x\r\ncontent-length: 2000\r\n\r\n")
        connection.loop.run()
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 413") == true, "\(text)")
        #expect(text.contains("limits.max_ofrep_context"), "\(text)")
        #expect(text.lowercased().contains("connection: close"), "\(text)")
    }

    // MARK: Relaying to an upstream

    static let upstreamVersion = #"{ upstream: ["http://127.0.0.1:9"], probe: false, timeouts: { read: 2s } }"#
    static let okAnswer = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"

    @Test("two pipelined requests to an upstream: the second goes out only after the first's answer, on the same connection")
    func pipeliningThroughUpstream() throws {
        let connection = try Connection(version: Self.upstreamVersion)
        let upstream = try EmbeddedUpstream(for: connection)
        let request = "POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n"
        try connection.send(request + "{}" + request + "[]")
        connection.loop.run()
        let first = try upstream.received()
        #expect(first.hasPrefix("POST /v2/models/m/infer HTTP/1.1"), "\(first)")
        #expect(first.hasSuffix("{}"), "only the first request is sent: \(first)")
        #expect(try connection.written().isEmpty)

        try upstream.answer(Self.okAnswer)
        connection.loop.run()
        let second = try upstream.received()
        #expect(second.hasSuffix("[]"), "the second request follows the first answer: \(second)")
        try upstream.answer(Self.okAnswer)
        connection.loop.run()
        let text = try connection.written()
        #expect(Self.statuses(text).count == 2, "\(text)")
        #expect(Self.statuses(text).allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(text)")
        #expect(text.lowercased().components(separatedBy: "x-turnout-version: v1").count == 3, "\(text)")
        #expect(connection.channel.isActive && upstream.channel.isActive, "both connections are kept alive")
        #expect(connection.handler.watchIndex == nil, "no exchange is left for the deadline sweep")
    }

    @Test("an upstream that closes before answering, while the body still arrives: 502, the rest of the body is discarded, the connection serves on")
    func upstreamClosesMidBody() throws {
        let connection = try Connection(version: Self.upstreamVersion)
        let upstream = try EmbeddedUpstream(for: connection)
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{\"in")
        connection.loop.run()
        #expect(try upstream.received().contains("{\"in"))
        try upstream.channel.close().wait()
        connection.loop.run()
        try connection.send("puts\"}")
        try connection.send("GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        let text = try connection.written()
        let statuses = Self.statuses(text)
        #expect(statuses.count == 2, "\(text)")
        #expect(statuses.first?.hasPrefix("HTTP/1.1 502") == true, "\(statuses)")
        #expect(statuses.last?.hasPrefix("HTTP/1.1 200") == true, "\(statuses)")
        #expect(connection.channel.isActive)
    }

    @Test("an upstream that answers before the whole body is sent: the answer is relayed, that upstream connection is not reused, the client's connection is")
    func upstreamAnswersEarly() throws {
        let connection = try Connection(version: Self.upstreamVersion)
        let upstream = try EmbeddedUpstream(for: connection)
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{\"in")
        connection.loop.run()
        try upstream.answer("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n")
        connection.loop.run()
        #expect(!upstream.channel.isActive, "a connection whose request was cut short cannot carry another")
        try connection.send("puts\"}GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        let statuses = Self.statuses(try connection.written())
        #expect(statuses.first?.hasPrefix("HTTP/1.1 413") == true, "\(statuses)")
        #expect(statuses.last?.hasPrefix("HTTP/1.1 200") == true, "\(statuses)")
        #expect(statuses.count == 2, "\(statuses)")
    }

    @Test("a client that closes mid-body while relaying: its upstream connection is closed, not pooled, and nothing is answered")
    func clientCloseWhileRelaying() throws {
        let connection = try Connection(version: Self.upstreamVersion)
        let upstream = try EmbeddedUpstream(for: connection)
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n{\"in")
        connection.loop.run()
        #expect(connection.handler.watchIndex != nil, "the exchange is under the deadline sweep")
        try connection.channel.close().wait()
        connection.loop.run()
        #expect(!upstream.channel.isActive, "half a request cannot be finished on that connection")
        #expect(connection.handler.watchIndex == nil && connection.handler.clientIndex == nil)
        #expect(!(try connection.written()).contains("x-request-id"))
    }

    @Test("an upstream silent past its read timeout: 504 on the embedded loop's clock, and the connection to it is closed")
    func upstreamReadTimeout() throws {
        let connection = try Connection(version: Self.upstreamVersion)
        let upstream = try EmbeddedUpstream(for: connection)
        try connection.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}")
        connection.loop.run()
        connection.loop.advanceTime(by: .milliseconds(1900))
        #expect(try connection.written().isEmpty, "1.9 s of a 2 s read timeout: still waiting")
        #expect(upstream.channel.isActive)
        connection.loop.advanceTime(by: .milliseconds(200))
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 504") == true, "\(text)")
        #expect(!upstream.channel.isActive, "a late answer must not reach the next request")
        #expect(connection.channel.isActive, "the client's connection is kept")
    }

    @Test("a keep-alive connection idle past idle_timeout is closed without an answer")
    func idleTimeout() throws {
        let connection = try Connection(limits: "limits: { idle_timeout: 3s }\n")
        try connection.send("GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        #expect(Self.statuses(try connection.written()).count == 1)
        connection.loop.advanceTime(by: .milliseconds(2900))
        #expect(connection.channel.isActive, "2.9 s of a 3 s idle timeout")
        connection.loop.advanceTime(by: .milliseconds(400))
        #expect(!connection.channel.isActive)
        #expect(try connection.written().isEmpty, "an idle connection is closed without an answer")
    }

    @Test("on shutdown an idle connection closes at once, and a busy one gets its answer with connection: close, then closes")
    func quiescing() throws {
        let idle = try Connection()
        idle.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        idle.loop.run()
        #expect(!idle.channel.isActive)

        let busy = try Connection()
        try busy.send("POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n")
        busy.loop.run()
        busy.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        busy.loop.run()
        #expect(busy.channel.isActive, "the request in progress is answered first")
        try busy.send("{}")
        busy.loop.run()
        let text = try busy.written()
        #expect(Self.statuses(text).count == 1, "\(text)")
        #expect(text.lowercased().contains("connection: close"), "\(text)")
        #expect(!busy.channel.isActive)
    }
}
