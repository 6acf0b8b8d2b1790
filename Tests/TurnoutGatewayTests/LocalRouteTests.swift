import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutFlags
@testable import TurnoutGateway

/// The routes the data plane answers itself, without a channel.
@Suite("Local routes of the data plane")
struct LocalRouteTests {
    static func shared() throws -> (DataPlaneShared, GatewaySnapshot) {
        let model = BuiltinModelTests.root.appending(path: "examples/models/breast-cancer-v1.json").path
        let config = try TurnoutConfig.parse(yaml: "models:\n  m: { versions: { v1: { builtin: \(model) } } }\n")
        var builder = SnapshotBuilder()
        let snapshot = try builder.build(config, flags: nil)
        let shared = DataPlaneShared(snapshot: snapshot, metrics: GatewayMetrics(), flags: nil, ofrepToken: nil, writer: nil, serverVersion: "test")
        return (shared, snapshot)
    }

    static func head(_ method: HTTPMethod, _ uri: String, _ headers: HTTPHeaders = [:]) -> HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)
    }

    static func match(_ method: HTTPMethod, _ uri: String, _ headers: HTTPHeaders = [:]) throws -> LocalRoute? {
        let (shared, snapshot) = try shared()
        let path = InferenceHandler.splitURI(uri).path
        return LocalRoute.match(GatewayRoute(path: path), head: head(method, uri, headers), path: path, shared: shared, snapshot: snapshot)
    }

    static func text(_ answer: LocalAnswer) -> String {
        switch answer {
        case .error(_, let message, _): message
        case .body(_, let body, _, _): String(buffer: body)
        }
    }

    @Test("model routes are not local: the handler proxies them")
    func modelRoutes() throws {
        #expect(try Self.match(.POST, "/v2/models/m/infer") == nil)
        #expect(try Self.match(.POST, "/v1/models/m:predict") == nil)
        #expect(try Self.match(.GET, "/models/m/anything") == nil)
    }

    @Test("metadata, health and unknown routes are answered from the head")
    func answeredFromHead() throws {
        guard case .answer(let metadata) = try Self.match(.GET, "/v2") else { Issue.record("metadata"); return }
        #expect(metadata.status == .ok)
        #expect(Self.text(metadata).contains(#""name":"turnout""#))
        guard case .answer(let live) = try Self.match(.GET, "/v2/health/live") else { Issue.record("live"); return }
        #expect(live.status == .ok && Self.text(live) == #"{"live":true}"#)
        guard case .answer(let missing) = try Self.match(.DELETE, "/v3/nothing?x=1") else { Issue.record("404"); return }
        #expect(missing.status == .notFound)
        #expect(Self.text(missing) == "no such route: DELETE /v3/nothing")
    }

    @Test("readiness is 200 or 503 with its JSON body")
    func readiness() {
        let ready = HealthRoute.answer(.ready, ready: true)
        let notReady = HealthRoute.answer(.ready, ready: false)
        #expect(ready.status == .ok && Self.text(ready) == #"{"ready":true}"#)
        #expect(notReady.status == .serviceUnavailable && Self.text(notReady) == #"{"ready":false}"#)
    }

    @Test("OFREP and feedback take POST only, and wait for the body otherwise")
    func postOnly() throws {
        for uri in ["/ofrep/v1/evaluate/flags", "/ofrep/v1/evaluate/flags/f", "/v1/feedback"] {
            guard case .answer(.error(let status, _, let headers)) = try Self.match(.GET, uri) else { Issue.record("\(uri)"); continue }
            #expect(status == .methodNotAllowed)
            #expect(headers.map { "\($0.0): \($0.1)" } == ["allow: POST"])
        }
        guard case .ofrep(let call) = try Self.match(.POST, "/ofrep/v1/evaluate/flags/a%20b", ["authorization": "Bearer t", "if-none-match": "x"]) else {
            Issue.record("ofrep"); return
        }
        #expect(call.key == "a b")
        #expect(call.credential == "t")
        guard case .feedback(let feedback) = try Self.match(.POST, "/v1/feedback", [FeedbackTokens.header: "tok"]) else { Issue.record("feedback"); return }
        #expect(feedback.headerToken == "tok")
    }

    @Test("OFREP checks the configured token before evaluating")
    func ofrepToken() {
        let anonymous = OFREPCall(key: "f", ifNoneMatch: "", credential: nil)
        let wrong = OFREPCall(key: "f", ifNoneMatch: "", credential: "nope")
        #expect(anonymous.answer(body: Data("{}".utf8), flags: FlagSet(), token: "secret", now: 0).status.code == 401)
        #expect(wrong.answer(body: Data("{}".utf8), flags: FlagSet(), token: "secret", now: 0).status.code == 403)
        let open = anonymous.answer(body: Data("{}".utf8), flags: FlagSet(), token: nil, now: 0)
        #expect(open.status.code != 401 && open.status.code != 403, "no token configured: evaluated (\(Self.text(open)))")
    }

    @Test("feedback is refused without a store, for a malformed body, and over max_feedback_items")
    func feedbackRefusals() {
        let route = FeedbackRoute(headerToken: nil)
        guard case .answer(let noStore, let none) = route.plan(body: Data("{}".utf8), hasStore: false, maxItems: 10, tokens: nil, now: Date()) else {
            Issue.record("no store"); return
        }
        #expect(noStore.status == .serviceUnavailable && none == nil)
        guard case .answer(let malformed, _) = route.plan(body: Data("nope".utf8), hasStore: true, maxItems: 10, tokens: nil, now: Date()) else {
            Issue.record("malformed"); return
        }
        #expect(malformed.status == .badRequest)
        let three = Data(#"[{"request_id":"a","reward":1},{"request_id":"b","reward":1},{"request_id":"c","reward":1}]"#.utf8)
        guard case .answer(let tooMany, _) = route.plan(body: three, hasStore: true, maxItems: 2, tokens: nil, now: Date()) else {
            Issue.record("too many"); return
        }
        #expect(tooMany.status == .payloadTooLarge)
        guard case .store(let batch) = route.plan(body: three, hasStore: true, maxItems: 3, tokens: nil, now: Date()) else {
            Issue.record("store"); return
        }
        #expect(batch.stored.map(\.requestID) == ["a", "b", "c"])
        let answer = batch.answer(batch.answers([.recorded(model: "m", version: "v1"), .notFound(requestID: "b"), .late(requestID: "c")]), tokensConfigured: false)
        #expect(answer.status == .ok)
        #expect(Self.text(answer).contains(#""recorded":1"#), "\(Self.text(answer))")
    }
}
