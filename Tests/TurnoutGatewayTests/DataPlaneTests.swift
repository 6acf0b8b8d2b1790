import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TurnoutGateway

@Suite("Data plane")
struct DataPlaneTests {
    let client = HTTPClient.shared

    static func twoVersions(_ v1: TestUpstream, _ v2: TestUpstream, weights: String = "{ v1: 50, v2: 50 }", extra: String = "") -> String {
        """
        \(extra)
        models:
          m:
            unit: { header: x-user-id }
            versions:
              v1: { upstream: ["\(v1.url)"], probe: false }
              v2: { upstream: ["\(v2.url)"], probe: false }
            release: { strategy: split, weights: \(weights) }
        """
    }

    @Test("a sticky split sends each user to one version and labels every answer")
    func splitRouting() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.twoVersions(v1, v2)) { gateway in
            var seen: [String: String] = [:]
            for round in 0..<2 {
                for user in 0..<60 {
                    let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer",
                                                       headers: [("x-user-id", "user-\(user)")], body: ByteBuffer(string: "{}"))
                    #expect(answer.status == 200)
                    let version = try #require(answer.version)
                    #expect(answer.json["version"] as? String == version)
                    #expect(answer.json["path"] as? String == "/v2/models/m/infer")
                    if round == 0 { seen["user-\(user)"] = version } else { #expect(seen["user-\(user)"] == version) }
                }
            }
            #expect(Set(seen.values) == ["v1", "v2"])
        }
    }

    @Test("request bodies arrive byte-identical and headers are rewritten as a proxy should")
    func bodiesAndHeaders() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.twoVersions(v1, v2, weights: "{ v1: 100, v2: 0 }")) { gateway in
            let bytes = RandomBytes.make(count: 100_000)
            let answer = try await client.send(
                .POST, "\(gateway.baseURL)/v2/models/m/infer",
                headers: [("x-request-id", "req-42"), ("connection", "keep-alive, x-hop"), ("x-hop", "secret"), ("x-custom", "kept")],
                body: ByteBuffer(bytes: bytes)
            )
            #expect(answer.status == 200)
            #expect(answer.json["bytes"] as? Int == bytes.count)
            #expect((answer.json["checksum"] as? NSNumber)?.uint64Value == Checksum.of(bytes))
            #expect(answer.headers.first(name: "x-request-id") == "req-42")
            #expect(answer.json["x-request-id"] as? [String] == ["req-42"])
            #expect(answer.json["x-hop"] as? [String] == [])
            #expect(answer.json["connection"] as? [String] == [])
            #expect(answer.json["x-custom"] as? [String] == ["kept"])
            #expect(answer.json["host"] as? [String] == ["127.0.0.1:\(v1.port)"])
            #expect(answer.json["x-forwarded-for"] as? [String] == ["127.0.0.1"])
            let forwarded = try #require((answer.json["forwarded"] as? [String])?.first)
            #expect(forwarded.hasPrefix("for=127.0.0.1;proto=http"))

            let generated = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
            let id = try #require(generated.headers.first(name: "x-request-id"))
            #expect(id.count == 32)
            #expect(generated.json["x-request-id"] as? [String] == [id])
        }
    }

    @Test("the pinned route bypasses the release, other routes map to the upstream's paths")
    func routes() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.twoVersions(v1, v2, weights: "{ v1: 100, v2: 0 }")) { gateway in
            for _ in 0..<10 {
                let pinned = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/versions/v2/infer", body: ByteBuffer(string: "{}"))
                #expect(pinned.version == "v2")
                #expect(pinned.json["path"] as? String == "/v2/models/m/infer")
            }
            let metadata = try await client.send(.GET, "\(gateway.baseURL)/v2/models/m")
            #expect(metadata.json["path"] as? String == "/v2/models/m")
            let ready = try await client.send(.GET, "\(gateway.baseURL)/v2/models/m/ready")
            #expect(ready.json["path"] as? String == "/v2/models/m/ready")
            let v1Predict = try await client.send(.POST, "\(gateway.baseURL)/v1/models/m:predict", body: ByteBuffer(string: "{}"))
            #expect(v1Predict.json["path"] as? String == "/v1/models/m:predict")
            let raw = try await client.send(.PUT, "\(gateway.baseURL)/models/m/score/now?x=1&y=2", body: ByteBuffer(string: "a"))
            #expect(raw.json["path"] as? String == "/score/now?x=1&y=2")
            #expect(raw.json["method"] as? String == "PUT")
            let live = try await client.send(.GET, "\(gateway.baseURL)/v2/health/live")
            #expect(live.status == 200)
            let server = try await client.send(.GET, "\(gateway.baseURL)/v2")
            #expect(server.json["name"] as? String == "turnout")
            #expect(server.headers.first(name: "x-turnout-version") != nil)
        }
    }

    @Test("unknown models, versions and routes get 404; wrong methods 405; oversized bodies 413")
    func clientErrors() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.twoVersions(v1, v2, extra: "max_body: 1KiB")) { gateway in
            let cases: [(HTTPMethod, String, Int, String)] = [
                (.POST, "/v2/models/nope/infer", 404, "model 'nope' not found"),
                (.POST, "/v2/models/m/versions/v9/infer", 404, "model 'm' has no version 'v9'"),
                (.GET, "/v3/whatever", 404, "no such route"),
                (.GET, "/v2/models/m/infer", 405, "use POST"),
            ]
            for (method, path, status, message) in cases {
                let answer = try await client.send(method, gateway.baseURL + path)
                #expect(answer.status == status, "\(path)")
                #expect((answer.json["error"] as? String)?.contains(message) == true, "\(path): \(answer.text)")
                #expect(answer.headers.first(name: "x-request-id") != nil)
            }
            let large = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(repeating: 1, count: 2048))
            #expect(large.status == 413)
            #expect((large.json["error"] as? String)?.contains("1024 bytes") == true)
            #expect(v1.requests + v2.requests == 0)
        }
    }

    @Test("upstream failures map to 502, 503 and 504 and the gateway keeps serving")
    func upstreamFailures() async throws {
        let healthy = try await TestUpstream.start(name: "healthy")
        // Bound but not listening: refused, and no server another test starts can take the port.
        let gone = try ReservedPort()
        let yaml = """
            models:
              m:
                versions:
                  ok: { upstream: ["\(healthy.url)"], probe: false, timeouts: { read: 6s } }
                  down: { upstream: ["http://127.0.0.1:\(gone.port)"], probe: false }
                release: { strategy: single, version: ok }
            """
        try await GatewayHarness.run(yaml) { gateway in
            let closed = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-close", "1")], body: ByteBuffer(string: "{}"))
            #expect(closed.status == 502)
            #expect(closed.json["error"] != nil)
            let refused = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/versions/down/infer", body: ByteBuffer(string: "{}"))
            #expect(refused.status == 503)
            #expect(refused.version == "down")
            let slow = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-delay-ms", "30000")], body: ByteBuffer(string: "{}"))
            #expect(slow.status == 504)
            let status = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-status", "500")], body: ByteBuffer(string: "{}"))
            #expect(status.status == 500)
            let fine = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
            #expect(fine.status == 200)
            let metrics = try await client.send(.GET, "\(gateway.adminURL)/metrics")
            #expect(metrics.text.contains(#"turnout_upstream_errors_total{model="m",version="ok",reason="closed"} 1"#))
            #expect(metrics.text.contains(#"turnout_upstream_errors_total{model="m",version="down",reason="connect"} 1"#))
            #expect(metrics.text.contains(#"turnout_upstream_errors_total{model="m",version="ok",reason="read_timeout"} 1"#))
            #expect(metrics.text.contains(#"turnout_requests_total{model="m",version="ok",code="200"} 1"#))
            #expect(metrics.text.contains(#"turnout_request_duration_seconds_bucket{model="m",version="ok",le="5e-05"}"#)
                || metrics.text.contains(#"le="0.00005""#))
        }
        withExtendedLifetime(gone) {}
    }

    @Test("an 8 MiB body streams through both ways intact")
    func largeBodyStreams() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(Self.twoVersions(v1, v2, weights: "{ v1: 100, v2: 0 }")) { gateway in
            let bytes = RandomBytes.make(count: 8 << 20)
            let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-echo", "1")], body: ByteBuffer(bytes: bytes))
            #expect(answer.status == 200)
            #expect(answer.body.readableBytes == bytes.count)
            #expect(Checksum.of(answer.body.readableBytesView) == Checksum.of(bytes))
        }
    }

    @Test("clients sending Connection: close do not multiply upstream connections")
    func clientCloseKeepsUpstreamPooled() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        // A long idle timeout: on a starved CI machine a loop may see no request for seconds, and
        // closing an expired idle connection is not what this test is about.
        let yaml = Self.twoVersions(v1, v2, weights: "{ v1: 100, v2: 0 }")
            .replacingOccurrences(of: "v1: { upstream: [\"\(v1.url)\"], probe: false }", with: "v1: { upstream: [\"\(v1.url)\"], probe: false, idle_timeout: 5m }")
        try await GatewayHarness.run(yaml) { gateway in
            for _ in 0..<40 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("connection", "close")], body: ByteBuffer(string: "{}"))
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "connection") == "close")
            }
            #expect(v1.requests == 40)
            // At most one pooled connection per event loop, however many client connections came and went.
            #expect(v1.connections <= ProcessInfo.processInfo.activeProcessorCount)
        }
    }

    @Test("a dead instance is ejected, requests succeed on the others, and it is readmitted after the cool-down")
    func ejectionAndReadmission() async throws {
        let a = try await TestUpstream.start(name: "a")
        let b = try await TestUpstream.start(name: "b")
        // Bound but not listening, so no server another test starts on a free port can answer there.
        let reserved = try ReservedPort()
        let deadPort = reserved.port
        let yaml = """
            models:
              m:
                versions:
                  v1: { upstream: ["\(a.url)", "\(b.url)", "http://127.0.0.1:\(deadPort)"], probe: false, eject: { failures: 1, cooldown: 1s } }
            """
        try await GatewayHarness.run(yaml) { gateway in
            for _ in 0..<60 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
                #expect(answer.status == 200)
            }
            #expect(a.requests + b.requests == 60)
            reserved.release()
            let c = try await TestUpstream.start(name: "c", port: deadPort)
            try await Task.sleep(for: .milliseconds(1200))
            var answeredByC = 0
            for _ in 0..<60 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
                #expect(answer.status == 200)
                if answer.json["version"] as? String == "c" { answeredByC += 1 }
            }
            #expect(answeredByC > 0)
            try await c.stop()
        }
    }

    @Test("the readiness probe takes a not-ready instance out of rotation and brings it back")
    func readinessProbe() async throws {
        let steady = try await TestUpstream.start(name: "steady")
        let flaky = try await TestUpstream.start(name: "flaky")
        flaky.setReady(false)
        let yaml = """
            models:
              m:
                versions:
                  v1:
                    upstream: ["\(steady.url)", "\(flaky.url)"]
                    probe: { path: /v2/health/ready, interval: 100ms, timeout: 5s }
            """
        try await GatewayHarness.run(yaml) { gateway in
            // Two probes answered means at least one result has been recorded.
            while flaky.probes < 2 { try await Task.sleep(for: .milliseconds(20)) }
            for _ in 0..<30 {
                let answer = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
                #expect(answer.status == 200)
            }
            #expect(flaky.probes > 0)
            #expect(flaky.requests == 0)
            #expect(steady.requests == 30)
            flaky.setReady(true)
            let probesBefore = flaky.probes
            while flaky.probes < probesBefore + 2 { try await Task.sleep(for: .milliseconds(20)) }
            for _ in 0..<30 {
                _ = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
            }
            #expect(flaky.requests > 0)
        }
    }

    @Test("shutdown lets a request in flight finish")
    func gracefulShutdown() async throws {
        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        let answer = try await GatewayHarness.run(Self.twoVersions(v1, v2, weights: "{ v1: 100, v2: 0 }")) { gateway in
            async let slow = client.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-test-delay-ms", "500")], body: ByteBuffer(string: "{}"))
            // Shut down once the request is surely in flight: the upstream has it.
            while v1.requests == 0 { try await Task.sleep(for: .milliseconds(10)) }
            await gateway.gateway.shutdown()
            return try await slow
        }
        #expect(answer.status == 200)
        #expect(answer.version == "v1")
    }
}
