import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// A replica whose PostgreSQL database goes away while it serves: it keeps routing as it last
/// did, refuses the feedback it cannot store, says so in readiness and `/metrics`, and writes
/// what it kept once the database is back.
@Suite("A replica whose database is unreachable", .enabled(if: TestPostgresDatabase.isRequested, TestPostgresDatabase.skipMessage))
struct StoreOutageTests {
    let client = HTTPClient.shared

    private func infer(_ gateway: GatewayHarness, user: String, requestID: String) async throws -> Answer {
        try await client.send(
            .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-user-id", user), ("x-request-id", requestID)], body: ByteBuffer(string: "{}"))
    }

    private func feedback(_ gateway: GatewayHarness, requestID: String) async throws -> Answer {
        try await client.send(.POST, "\(gateway.baseURL)/v1/feedback", body: ByteBuffer(string: #"{"request_id": "\#(requestID)", "reward": 1}"#))
    }

    private func metrics(_ gateway: GatewayHarness) async throws -> String {
        try await client.send(.GET, "\(gateway.adminURL)/metrics").text
    }

    @Test("the data plane keeps answering with its routing, feedback is refused with 503, readiness and metrics say so; kept decisions are written after")
    func databaseGoesAway() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await TestPostgresDatabase.with { database in
            let yaml = ReplicaTests.config(v1, v2, store: database.url)
            try await GatewayHarness.run(yaml, environment: database.environment) { gateway in
                let before = try await infer(gateway, user: "u0", requestID: "before")
                #expect(before.status == 200)
                try await ReloadTests.eventually { try await feedback(gateway, requestID: "before").status == 200 }
                #expect(try await client.send(.GET, "\(gateway.baseURL)/v2/health/ready").text == #"{"ready":true}"#)

                try await database.cutOff()
                // Requests go on being answered, by the routing in force, until the failed write is noticed.
                var index = 0
                try await ReloadTests.eventually(timeout: .seconds(30)) {
                    index += 1
                    let answer = try await infer(gateway, user: "u\(index)", requestID: "during-\(index)")
                    #expect(answer.status == 200)
                    #expect(answer.version == "v1")
                    return try await client.send(.GET, "\(gateway.baseURL)/v2/health/ready").text.contains(#""store":"unavailable""#)
                }
                let ready = try await client.send(.GET, "\(gateway.baseURL)/v2/health/ready")
                #expect(ready.status == 200)
                #expect(ready.text == #"{"ready":true,"store":"unavailable"}"#)
                for user in 0..<20 {
                    let answer = try await infer(gateway, user: "after-\(user)", requestID: "during-more-\(user)")
                    #expect(answer.status == 200)
                    #expect(answer.version == "v1")
                }

                // Feedback cannot be stored: the client is told to send it again.
                let refused = try await feedback(gateway, requestID: "during-1")
                #expect(refused.status == 503, "\(refused.text)")
                #expect(refused.headers.first(name: "retry-after") == "1")
                let exposition = try await metrics(gateway)
                #expect(exposition.contains("turnout_store_available 0"), "\(exposition)")
                #expect(exposition.contains(#"turnout_feedback_total{result="unavailable"}"#), "\(exposition)")
                #expect(exposition.contains("turnout_store_write_errors_total"), "\(exposition)")

                try await database.reconnect()
                // The decisions kept in memory are written, so their rewards now find them. The
                // connection pool may first wait out its circuit breaker (a minute after the
                // first failed connection), then fail the waiting write, which is tried again.
                try await ReloadTests.eventually(timeout: .seconds(180)) {
                    try await feedback(gateway, requestID: "during-1").status == 200
                }
                #expect(try await feedback(gateway, requestID: "during-more-19").status == 200)
                #expect(try await client.send(.GET, "\(gateway.baseURL)/v2/health/ready").text == #"{"ready":true}"#)
                #expect(try await metrics(gateway).contains("turnout_store_available 1"))
                #expect(try await metrics(gateway).contains(#"turnout_store_dropped_total{kind="decision"} 0"#))
            }
        }
        try await v1.stop()
        try await v2.stop()
    }
}
