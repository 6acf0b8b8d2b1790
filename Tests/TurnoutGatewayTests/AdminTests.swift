import AsyncHTTPClient
import NIOCore
import Testing
import TurnoutGateway

@Suite("Admin listener")
struct AdminTests {
    let client = HTTPClient.shared

    @Test("metrics and the model list are served, and a configured token is required")
    func tokenAndMetrics() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(
            """
            models:
              m: { versions: { v1: { upstream: ["\(upstream.url)"], probe: false } } }
            """,
            environment: ["TURNOUT_ADMIN_TOKEN": "s3cret"]
        ) { gateway in
            let missing = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models")
            #expect(missing.status == 401)
            #expect(!missing.text.contains("s3cret"))
            let wrong = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models", headers: [("authorization", "Bearer s3cre")])
            #expect(wrong.status == 401)
            let right = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m", headers: [("authorization", "Bearer s3cret")])
            #expect(right.status == 200)
            #expect(right.json["strategy"] as? String == "single")
            _ = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
            let metrics = try await client.send(.GET, "\(gateway.adminURL)/metrics", headers: [("authorization", "Bearer s3cret")])
            #expect(metrics.text.contains(#"turnout_release_weight{model="m",version="v1"} 100"#))
            #expect(metrics.text.contains(#"turnout_requests_total{model="m",version="v1",code="200"} 1"#))
        }
    }
}
