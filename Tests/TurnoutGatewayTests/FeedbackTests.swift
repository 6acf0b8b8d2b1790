import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutGateway
import TurnoutStore

/// `POST /v1/feedback` and the decision log behind it, on a real gateway with a real SQLite file.
@Suite("Feedback and the decision log")
struct FeedbackTests {
    let client = HTTPClient.shared

    static func splitConfig(_ v1: TestUpstream, _ v2: TestUpstream, extra: String = "") -> String {
        """
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: split, weights: { v1: 50, v2: 50 } }
        \(extra)
        """
    }

    private func infer(_ gateway: GatewayHarness, user: String, requestID: String? = nil) async throws -> Answer {
        var headers = [("x-user-id", user)]
        if let requestID { headers.append(("x-request-id", requestID)) }
        return try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: headers, body: ByteBuffer(string: #"{"inputs":[]}"#))
    }

    private func feedback(_ gateway: GatewayHarness, _ body: String) async throws -> Answer {
        try await client.send(.POST, "\(gateway.baseURL)/v1/feedback", body: ByteBuffer(string: body))
    }

    @Test("every reward counts for the version that answered, and the admin API shows the means")
    func rewardsJoinDecisions() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.splitConfig(v1, v2)) { gateway in
            var expected: [String: (count: Int, sum: Double)] = [:]
            for user in 0..<40 {
                let answer = try await infer(gateway, user: "user-\(user)")
                let requestID = try #require(answer.headers.first(name: "x-request-id"))
                let version = try #require(answer.version)
                let reward = Double(user % 4) / 4
                let recorded = try await feedback(gateway, #"{"request_id": "\#(requestID)", "reward": \#(reward)}"#)
                #expect(recorded.status == 200)
                #expect(recorded.json["version"] as? String == version)
                expected[version, default: (0, 0)].count += 1
                expected[version, default: (0, 0)].sum += reward
            }
            #expect(expected.count == 2)
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            let stats = try #require(status.json["stats"] as? [String: [String: Any]])
            for (version, totals) in expected {
                #expect(stats[version]?["requests"] as? Int == totals.count)
                #expect(stats[version]?["feedback"] as? Int == totals.count)
                let mean = try #require(stats[version]?["mean_reward"] as? Double)
                #expect(abs(mean - totals.sum / Double(totals.count)) < 1e-12)
            }
        }
    }

    @Test("a batch is answered per item: recorded ones 200, unknown request ids 404")
    func batchAnswers() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.splitConfig(v1, v2)) { gateway in
            let first = try await infer(gateway, user: "a", requestID: "req-a")
            let second = try await infer(gateway, user: "b", requestID: "req-b")
            let answer = try await feedback(gateway, #"[{"request_id": "req-a", "reward": 1}, {"request_id": "missing", "reward": 0}, {"request_id": "req-b", "reward": -2.5}]"#)
            #expect(answer.status == 200)
            #expect(answer.json["recorded"] as? Int == 2)
            #expect(answer.json["not_found"] as? Int == 1)
            let results = try #require(answer.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [200, 404, 200])
            #expect(results[0]["version"] as? String == first.version)
            #expect(results[2]["version"] as? String == second.version)
            #expect((results[1]["error"] as? String)?.contains("missing") == true)
            let single = try await feedback(gateway, #"{"request_id": "missing", "reward": 1}"#)
            #expect(single.status == 404)
        }
    }

    @Test(
        "malformed feedback gets 400 naming the problem, and nothing is recorded",
        arguments: [
            ("not json", "not JSON"),
            ("42", "expected"),
            ("[]", "no feedback items"),
            (#"{"reward": 1}"#, "request_id is missing"),
            (#"{"request_id": "", "reward": 1}"#, "request_id must be a non-empty string"),
            (#"{"request_id": "x"}"#, "reward is missing"),
            (#"{"request_id": "x", "reward": "1"}"#, "reward must be a finite number"),
            (#"{"request_id": "x", "reward": true}"#, "reward must be a finite number"),
            (#"{"request_id": "x", "reward": 1e400}"#, "reward must be a finite number"),
            (#"{"request_id": "x", "reward": -1e200}"#, "reward must be between -1e12 and 1e12"),
            (#"{"request_id": "x", "reward": 1, "rewad": 2}"#, #"unknown key "rewad""#),
            (#"[{"request_id": "x", "reward": 1}, 7]"#, "item 1: expected an object"),
        ]
    )
    func malformed(body: String, problem: String) async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.splitConfig(v1, v2)) { gateway in
            let known = try await infer(gateway, user: "u", requestID: "x")
            #expect(known.status == 200)
            let answer = try await feedback(gateway, body)
            #expect(answer.status == 400)
            let message = try #require(answer.json["error"] as? String)
            #expect(message.contains(problem), "\(message)")
            let wrongMethod = try await client.send(.GET, "\(gateway.baseURL)/v1/feedback")
            #expect(wrongMethod.status == 405)
            await Self.flushDecisionLog(gateway)
            let store = try SQLiteStore(path: try #require(gateway.storePath))
            #expect(try await store.feedback(requestID: "x") == nil)
        }
    }

    @Test("decisions are logged with the unit's hash and the propensity; sampled payloads are cut to max_bytes")
    func decisionLog() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let config = Self.splitConfig(v1, v2).replacingOccurrences(
            of: "    unit: { header: x-user-id }",
            with: "    unit: { header: x-user-id }\n    log: { sample: 1, max_bytes: 16 }"
        )
        try await GatewayHarness.run(config) { gateway in
            let answer = try await client.send(
                .POST, "\(gateway.baseURL)/v2/models/m/infer",
                headers: [("x-user-id", "alice"), ("x-request-id", "logged-1"), ("x-test-echo", "1")],
                body: ByteBuffer(string: #"{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}]}"#)
            )
            #expect(answer.status == 200)
            await Self.flushDecisionLog(gateway)
            let store = try SQLiteStore(path: try #require(gateway.storePath))
            let decision = try #require(try await store.decision(requestID: "logged-1"))
            #expect(decision.version == answer.version)
            #expect(decision.unitHash == UnitKeyHash.hash("alice"))
            #expect(decision.reason == "sticky")
            #expect(decision.probability == 0.5)
            let outcome = try #require(try await store.outcome(requestID: "logged-1"))
            #expect(outcome.status == 200)
            #expect(outcome.latencyMicros > 0)
            let sample = try #require(try await store.payloadSample(requestID: "logged-1"))
            #expect(String(decoding: sample.request, as: UTF8.self) == #"{"inputs":[{"nam"#)
            #expect(String(decoding: sample.response, as: UTF8.self) == #"{"inputs":[{"nam"#)
            #expect(sample.truncated)
        }
    }

    @Test("with store: none, feedback is refused with 503 and inference still works")
    func noStore() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run("store: none\n" + Self.splitConfig(v1, v2)) { gateway in
            let answer = try await infer(gateway, user: "u", requestID: "r")
            #expect(answer.status == 200)
            let refused = try await feedback(gateway, #"{"request_id": "r", "reward": 1}"#)
            #expect(refused.status == 503)
            #expect((refused.json["error"] as? String)?.contains("store: none") == true)
        }
    }

    /// Waits until what the gateway queued is written: the admin API flushes before it reads statistics.
    static func flushDecisionLog(_ gateway: GatewayHarness) async {
        _ = try? await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models")
    }
}
