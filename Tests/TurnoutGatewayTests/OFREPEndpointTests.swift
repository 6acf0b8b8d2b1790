import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The OpenFeature remote evaluation endpoints on the data plane.
@Suite("OFREP endpoint")
struct OFREPEndpointTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var yaml: String {
        """
        flags: ["\(root.path)/examples/flags/ofrep-test.flagd.json"]
        models:
          m: { versions: { v1: { builtin: "\(root.path)/examples/models/breast-cancer-v1.json" } } }
        """
    }

    @Test("single and bulk evaluation, errors, and ETag / If-None-Match")
    func endpoints() async throws {
        try await GatewayHarness.run(Self.yaml) { gateway in
            let base = "\(gateway.baseURL)/ofrep/v1/evaluate/flags"
            let client = HTTPClient.shared
            let matched = try await client.send(.POST, "\(base)/new-ui", body: ByteBuffer(string: #"{"context":{"targetingKey":"u1","email":"a@example.com"}}"#))
            #expect(matched.status == 200)
            #expect(matched.json["value"] as? Bool == true)
            #expect(matched.json["reason"] as? String == "TARGETING_MATCH")
            let missing = try await client.send(.POST, "\(base)/nope", body: ByteBuffer(string: #"{"context":{}}"#))
            #expect(missing.status == 404)
            #expect(missing.json["errorCode"] as? String == "FLAG_NOT_FOUND")
            let broken = try await client.send(.POST, "\(base)/new-ui", body: ByteBuffer(string: "{oops"))
            #expect(broken.status == 400)
            #expect(broken.json["errorCode"] as? String == "PARSE_ERROR")
            let wrongMethod = try await client.send(.GET, "\(base)/new-ui")
            #expect(wrongMethod.status == 405)

            let bulk = try await client.send(.POST, base, body: ByteBuffer(string: #"{"context":{"targetingKey":"u1"}}"#))
            #expect(bulk.status == 200)
            #expect((bulk.json["flags"] as? [[String: Any]])?.count == 4)
            let etag = try #require(bulk.headers.first(name: "etag"))
            let again = try await client.send(.POST, base, headers: [("if-none-match", etag)], body: ByteBuffer(string: #"{"context":{"targetingKey":"u1"}}"#))
            #expect(again.status == 304)
            #expect(again.body.readableBytes == 0)
            let otherUser = try await client.send(.POST, base, headers: [("if-none-match", etag)], body: ByteBuffer(string: #"{"context":{"targetingKey":"u2","email":"b@example.com"}}"#))
            #expect(otherUser.status == 200)
        }
    }

    @Test("a broken flag answers PARSE_ERROR in OFREP's error shape while the other flags of its file answer")
    func brokenFlag() async throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "turnout-ofrep-broken-\(UInt64.random(in: 0...UInt64.max)).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"""
            {"flags": {
              "good": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"},
              "broken": {"state": "ENABLED", "variants": {"a": "A"}, "defaultVariant": "a",
                         "targeting": {"if": [{"$ref": "nonexistent"}, "a", null]}}
            }}
            """#.utf8).write(to: file)
        let yaml = """
            flags: { files: ["\(file.path)"], fractional: v3 }
            models:
              m: { versions: { v1: { builtin: "\(Self.root.path)/examples/models/breast-cancer-v1.json" } } }
            """
        try await GatewayHarness.run(yaml) { gateway in
            let base = "\(gateway.baseURL)/ofrep/v1/evaluate/flags"
            let body = ByteBuffer(string: #"{"context":{"targetingKey":"u1"}}"#)
            let broken = try await HTTPClient.shared.send(.POST, "\(base)/broken", body: body)
            #expect(broken.status == 400)
            #expect(broken.json["key"] as? String == "broken")
            #expect(broken.json["errorCode"] as? String == "PARSE_ERROR")
            #expect((broken.json["errorDetails"] as? String)?.contains("nonexistent") == true)
            let good = try await HTTPClient.shared.send(.POST, "\(base)/good", body: body)
            #expect(good.status == 200)
            #expect(good.json["value"] as? Bool == true)
            let bulk = try await HTTPClient.shared.send(.POST, base, body: body)
            #expect(bulk.status == 200)
            let entries = try #require(bulk.json["flags"] as? [[String: Any]])
            #expect(entries.map { $0["key"] as? String } == ["broken", "good"])
            #expect(entries.first?["errorCode"] as? String == "PARSE_ERROR")
            #expect(entries.last?["value"] as? Bool == true)
        }
    }

    @Test("a configured token is required: 401 without one, 403 with a wrong one")
    func authentication() async throws {
        try await GatewayHarness.run("ofrep: { token_env: OFREP_TEST_TOKEN }\n" + Self.yaml, environment: ["OFREP_TEST_TOKEN": "flag-secret"]) { gateway in
            let url = "\(gateway.baseURL)/ofrep/v1/evaluate/flags/new-ui"
            let body = ByteBuffer(string: #"{"context":{"targetingKey":"u1"}}"#)
            let missing = try await HTTPClient.shared.send(.POST, url, body: body)
            let wrong = try await HTTPClient.shared.send(.POST, url, headers: [("authorization", "Bearer nope")], body: body)
            let bearer = try await HTTPClient.shared.send(.POST, url, headers: [("authorization", "Bearer flag-secret")], body: body)
            let apiKey = try await HTTPClient.shared.send(.POST, url, headers: [("x-api-key", "flag-secret")], body: body)
            #expect(missing.status == 401)
            #expect(wrong.status == 403)
            #expect(bearer.status == 200)
            #expect(apiKey.status == 200)
        }
    }
}
