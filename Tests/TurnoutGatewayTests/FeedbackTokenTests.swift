import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import TurnoutGateway

/// Feedback that cannot be forged: unguessable request ids, and per-request tokens when configured.
@Suite("Feedback tokens and request ids")
struct FeedbackTokenTests {
    let client = HTTPClient.shared
    static let secret = "a-test-secret-of-32-bytes-length"
    static let withTokens = ["TURNOUT_FEEDBACK_SECRET": secret]

    static func config(_ v1: TestUpstream, _ v2: TestUpstream) -> String {
        FeedbackTests.splitConfig(v1, v2, extra: "feedback: { token_secret_env: TURNOUT_FEEDBACK_SECRET }")
    }

    private func infer(_ gateway: GatewayHarness, user: String) async throws -> Answer {
        try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", user)], body: ByteBuffer(string: #"{"inputs":[]}"#))
    }

    private func feedback(_ gateway: GatewayHarness, _ body: String, headers: [(String, String)] = []) async throws -> Answer {
        try await client.send(.POST, "\(gateway.baseURL)/v1/feedback", headers: headers, body: ByteBuffer(string: body))
    }

    @Test("forged feedback is refused, a valid token is recorded, and a batch answers per item")
    func tokensRequired() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2), environment: Self.withTokens) { gateway in
            let first = try await infer(gateway, user: "a")
            let id = try #require(first.headers.first(name: "x-request-id"))
            let token = try #require(first.headers.first(name: "x-turnout-feedback-token"))
            #expect(token.count == 43)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #expect(token == FeedbackTokens(secret: Self.secret)?.token(for: id))

            let forged = try await feedback(gateway, #"{"request_id": "\#(id)", "reward": 1}"#)
            #expect(forged.status == 403)
            #expect((forged.json["error"] as? String)?.hasPrefix("feedback tokens are required") == true)
            // The last character of a 32-byte base64url value is one of 16; change it to another.
            let altered = token.dropLast() + (token.last == "A" ? "E" : "A")
            let wrong = try await feedback(gateway, #"{"request_id": "\#(id)", "reward": 1, "token": "\#(altered)"}"#)
            #expect(wrong.status == 403)
            #expect(wrong.json["error"] as? String == "the feedback token does not match request id '\(id)'")
            let inHeader = try await feedback(gateway, #"{"request_id": "\#(id)", "reward": 1}"#, headers: [("x-turnout-feedback-token", token)])
            #expect(inHeader.status == 200)
            #expect(inHeader.json["version"] as? String == first.version)

            let second = try await infer(gateway, user: "b")
            let secondID = try #require(second.headers.first(name: "x-request-id"))
            let secondToken = try #require(second.headers.first(name: "x-turnout-feedback-token"))
            let third = try await infer(gateway, user: "c")
            let thirdID = try #require(third.headers.first(name: "x-request-id"))
            // The header only vouches for a single object; in a batch every item carries its own.
            let batch = try await feedback(
                gateway,
                #"[{"request_id": "\#(secondID)", "reward": 0.5, "token": "\#(secondToken)"}, {"request_id": "\#(thirdID)", "reward": 1}, {"request_id": "\#(thirdID)", "reward": 1, "token": "\#(secondToken)"}]"#,
                headers: [("x-turnout-feedback-token", secondToken)]
            )
            #expect(batch.status == 200)
            #expect(batch.json["recorded"] as? Int == 1)
            #expect(batch.json["forbidden"] as? Int == 2)
            let results = try #require(batch.json["results"] as? [[String: Any]])
            #expect(results.map { $0["status"] as? Int } == [200, 403, 403])
            #expect(results.map { $0["request_id"] as? String } == [secondID, thirdID, thirdID])

            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
            let stats = try #require(status.json["stats"] as? [String: [String: Any]])
            #expect(stats.values.map { $0["feedback"] as? Int ?? 0 }.reduce(0, +) == 2)
            let metrics = try await client.send(.GET, "\(gateway.adminURL)/metrics")
            #expect(metrics.text.contains(#"turnout_feedback_total{result="forbidden"} 4"#))
        }
    }

    @Test("without the setting, answers carry no token and feedback needs none")
    func tokensOff() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            let answer = try await infer(gateway, user: "a")
            #expect(answer.headers.first(name: "x-turnout-feedback-token") == nil)
            let id = try #require(answer.headers.first(name: "x-request-id"))
            #expect(try await feedback(gateway, #"{"request_id": "\#(id)", "reward": 1}"#).status == 200)
        }
    }

    @Test("a feedback secret too short to sign with refuses to start")
    func shortSecret() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        await #expect {
            try await GatewayHarness.run(Self.config(v1, v2), environment: ["TURNOUT_FEEDBACK_SECRET": "short"]) { _ in }
        } throws: { error in
            (error as? GatewayError)?.description.hasPrefix("feedback.token_secret_env: TURNOUT_FEEDBACK_SECRET holds 5 bytes; expected at least 16") == true
        }
    }

    @Test("request ids are unique, 32 hex digits, and start with the time in milliseconds")
    func requestIDs() async throws {
        var generator = RequestIDGenerator()
        var seen = Set<String>()
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        var previousPrefix = ""
        // Many more than one block of random bytes holds.
        for _ in 0..<50_000 {
            let id = generator.next()
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
            let prefix = String(id.prefix(12))
            #expect(prefix >= previousPrefix)
            previousPrefix = prefix
            seen.insert(id)
        }
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        #expect(seen.count == 50_000)
        let first = try #require(UInt64(seen.min()!.prefix(12), radix: 16))
        #expect(first >= before && first <= after)
        // The random parts use every hex digit about equally: no stuck bits.
        var counts = [Character: Int]()
        for id in seen { for digit in id.dropFirst(12) { counts[digit, default: 0] += 1 } }
        #expect(counts.count == 16)
        #expect(counts.values.allSatisfy { abs(Double($0) / Double(50_000 * 20) - 1.0 / 16) < 0.005 })

        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.config(v1, v2)) { gateway in
            var ids = Set<String>()
            for user in 0..<50 {
                let id = try #require(try await infer(gateway, user: "u\(user)").headers.first(name: "x-request-id"))
                #expect(id.wholeMatch(of: /[0-9a-f]{32}/) != nil)
                ids.insert(id)
            }
            #expect(ids.count == 50)
        }
    }
}
