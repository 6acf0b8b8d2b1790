import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutGateway
import TurnoutStore

/// The two per-request pieces taken out of `InferenceHandler` so they can be benchmarked on
/// their own: the head sent upstream and the decision-log record.
@Suite("Upstream request head and decision-log record")
struct UpstreamRequestHeadTests {
    static func upstreamHead(_ fields: [(String, String)]) -> HTTPRequestHead {
        let client = HTTPRequestHead(version: .http1_0, method: .POST, uri: "/v2/models/m/infer", headers: HTTPHeaders(fields))
        return UpstreamRequestHead.make(
            from: client, path: "/v2/models/m-v2/infer", requestID: "r1", clientAddress: "10.0.0.7",
            forwardedElement: "for=10.0.0.7;proto=http")
    }

    @Test("the upstream head is HTTP/1.1 on the version's path, without hop-by-hop headers")
    func pathVersionAndHopByHop() {
        let head = Self.upstreamHead([("Host", "gw:8080"), ("Connection", "close, x-secret"), ("x-secret", "1"), ("x-user-id", "u1")])
        #expect(head.version == .http1_1)
        #expect(head.method == .POST)
        #expect(head.uri == "/v2/models/m-v2/infer")
        #expect(!head.headers.contains(name: "connection"))
        #expect(!head.headers.contains(name: "x-secret"))
        #expect(head.headers["x-user-id"] == ["u1"])
    }

    @Test("the request id replaces the client's, the client's address is appended to X-Forwarded-For")
    func requestIDAndForwardedFor() {
        let head = Self.upstreamHead([("x-request-id", "client-id"), ("X-Forwarded-For", "192.0.2.1")])
        #expect(head.headers["x-request-id"] == ["r1"])
        #expect(head.headers["x-forwarded-for"] == ["192.0.2.1, 10.0.0.7"])
        #expect(head.headers["forwarded"] == ["for=10.0.0.7;proto=http"])
    }

    @Test("Forwarded names the client's Host; a chunked body stays chunked")
    func forwardedHostAndChunked() {
        let head = Self.upstreamHead([("Host", "gw:8080"), ("Transfer-Encoding", "chunked")])
        #expect(head.headers["forwarded"] == [#"for=10.0.0.7;proto=http;host="gw:8080""#])
        #expect(head.headers["transfer-encoding"] == ["chunked"])
    }

    @Test("the decision-log record carries the decision and outcome under one request id")
    func observation() {
        let before = Date()
        let observation = Observation(
            requestID: "r1", model: "m", version: "v2", decision: Decision(primary: "v2", reason: .sticky, probability: 0.1),
            unitHash: 42, status: 503, errorKind: "timeout", duration: .microseconds(1_500), payload: nil)
        #expect(observation.decision.requestID == "r1" && observation.outcome.requestID == "r1")
        #expect(observation.decision.model == "m" && observation.decision.version == "v2")
        #expect(observation.decision.reason == "sticky" && observation.decision.probability == 0.1)
        #expect(observation.decision.unitHash == 42)
        #expect(observation.outcome.status == 503 && observation.outcome.errorKind == "timeout")
        #expect(observation.outcome.latencyMicros == 1_500)
        // Dated when the decision was taken: the duration before it was built.
        let after = Date()
        #expect(observation.decision.time >= before.addingTimeInterval(-0.0015))
        #expect(observation.decision.time <= after.addingTimeInterval(-0.0015))
        #expect(observation.payload == nil)
    }
}
