import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutGateway

/// HTTP details a client library hides: pipelining, HTTP/1.0, Expect: 100-continue, and an
/// upstream that closes every connection while the pool is saturated.
@Suite("HTTP protocol details")
struct ProtocolTests {
    static func oneVersion(_ upstream: TestUpstream, extra: String = "") -> String {
        """
        models:
          m:
            versions:
              v1: { upstream: ["\(upstream.url)"], probe: false\(extra) }
        """
    }

    @Test("pipelined requests are answered in order, each with its own request id")
    func pipelining() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.oneVersion(upstream)) { gateway in
            let request = { (id: String, delay: Int) in
                "POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\nx-request-id: \(id)\r\nx-test-delay-ms: \(delay)\r\ncontent-length: 2\r\n\r\n{}"
            }
            let text = try await RawHTTP.exchange(port: gateway.port, request("first", 200) + request("second", 0) + "GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n") {
                RawHTTP.statusLines(in: $0).count >= 3 && $0.hasSuffix("{\"live\":true}")
            }
            #expect(RawHTTP.statusLines(in: text) == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
            let first = try #require(text.range(of: "x-request-id: first"))
            let second = try #require(text.range(of: "x-request-id: second"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(text.hasSuffix("{\"live\":true}"))
        }
    }

    @Test("an HTTP/1.0 client gets an HTTP/1.0 answer and the connection closes")
    func http10() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.oneVersion(upstream)) { gateway in
            let text = try await RawHTTP.exchange(port: gateway.port, "POST /v2/models/m/infer HTTP/1.0\r\ncontent-length: 2\r\n\r\n{}") { _ in false }
            #expect(text.hasPrefix("HTTP/1.0 200 OK"))
            #expect(!text.lowercased().contains("transfer-encoding: chunked"))
            #expect(text.contains(#""version":"v1""#))
        }
    }

    @Test("Expect: 100-continue is answered by the gateway and not forwarded")
    func expectContinue() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.oneVersion(upstream)) { gateway in
            let head = "POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\ncontent-length: 2\r\nconnection: close\r\n\r\n"
            let interim = try await RawHTTP.exchange(port: gateway.port, head, timeout: .seconds(2)) { $0.contains("\r\n\r\n") }
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
            let full = try await RawHTTP.exchange(port: gateway.port, head + "{}") { _ in false }
            #expect(RawHTTP.statusLines(in: full) == ["HTTP/1.1 100 Continue", "HTTP/1.1 200 OK"])
        }
    }

    @Test("an upstream that closes every connection never wedges a saturated pool")
    func closingUpstreamUnderSaturation() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        // A generous connect timeout: 120 fresh connections on a loaded machine must not be
        // taken for a dead upstream (which ejects it and answers 503).
        try await GatewayHarness.run(Self.oneVersion(upstream, extra: ", max_connections: 2, timeouts: { connect: 20s }")) { gateway in
            for _ in 0..<3 {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<40 {
                        group.addTask {
                            try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer",
                                                             headers: [("x-test-conn-close", "1")], body: ByteBuffer(string: "{}")).status
                        }
                    }
                    for try await status in group { #expect(status == 200) }
                }
            }
            #expect(upstream.requests == 120)
        }
    }

    @Test("a reused connection that the upstream closed just in time is replaced, once")
    func staleKeepAliveConnection() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.oneVersion(upstream)) { gateway in
            let url = "\(gateway.baseURL)/v2/models/m/infer"
            let body = ByteBuffer(bytes: RandomBytes.make(count: 300_000))
            let first = try await HTTPClient.shared.send(.POST, url, headers: [("x-test-drop-next", "1")], body: body)
            #expect(first.status == 200)
            let second = try await HTTPClient.shared.send(.POST, url, body: body)
            #expect(second.status == 200)
            #expect(second.json["bytes"] as? Int == 300_000)
            #expect((second.json["checksum"] as? NSNumber)?.uint64Value == Checksum.of(body.readableBytesView))
            #expect(upstream.connections == 2)
        }
    }
}
