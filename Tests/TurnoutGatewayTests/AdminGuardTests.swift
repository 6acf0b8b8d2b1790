import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Testing
import Hummingbird
import TurnoutCore
@testable import TurnoutGateway

/// The admin API closed by default: no changes from browsers on other sites, JSON only for
/// changes, Host checked without a token, and no open admin port off loopback without consent.
@Suite("Admin request guard")
struct AdminGuardTests {
    let client = HTTPClient.shared

    static func config(_ upstream: TestUpstream) -> String {
        """
        models:
          m:
            versions:
              v1: { upstream: ["\(upstream.url)"], probe: false }
              v2: { upstream: ["\(upstream.url)"], probe: false }
            release: { strategy: split, weights: { v1: 50, v2: 50 } }
        """
    }

    private func phase(_ gateway: GatewayHarness) async throws -> String? {
        let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m")
        return (status.json["release"] as? [String: Any])?["phase"] as? String
    }

    @Test("a text/plain POST from a foreign Origin is refused and the release is not paused")
    func foreignOriginRefused() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            let before = try await phase(gateway)
            let pause = "\(gateway.adminURL)/api/v1/models/m/pause"
            // What a page on another site sends with fetch(url, {method: "POST", mode: "no-cors", body: "..."}).
            let forged = try await client.send(
                .POST, pause,
                headers: [("origin", "http://evil.example"), ("content-type", "text/plain;charset=UTF-8"), ("sec-fetch-site", "cross-site")],
                body: ByteBuffer(string: #"{"reason":"csrf"}"#)
            )
            #expect(forged.status == 403)
            #expect((forged.json["error"] as? String)?.contains("another site") == true)
            let foreignOrigin = try await client.send(
                .POST, pause, headers: [("origin", "http://evil.example"), ("content-type", "application/json")], body: ByteBuffer(string: "{}")
            )
            #expect(foreignOrigin.status == 403)
            #expect(foreignOrigin.json["error"] as? String == "changes from another origin are refused (Origin: http://evil.example)")
            let nullOrigin = try await client.send(.POST, pause, headers: [("origin", "null")])
            #expect(nullOrigin.status == 403)
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let simple = try await client.send(.POST, pause, headers: [("content-type", type)], body: ByteBuffer(string: "reason=csrf"))
                #expect(simple.status == 415)
                #expect(simple.json["error"] as? String == "changes must be sent as application/json (Content-Type: \(type))")
            }
            let put = try await client.send(
                .PUT, "\(gateway.adminURL)/api/v1/models/m/release", headers: [("content-type", "text/plain")],
                body: ByteBuffer(string: #"{"strategy": "single", "version": "v2"}"#)
            )
            #expect(put.status == 415)
            #expect(try await phase(gateway) == before)
            #expect(try await phase(gateway) != "paused")
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m")
            #expect(!events.text.contains("pause"))
        }
    }

    @Test("a same-origin JSON change works, reads from anywhere still do, and the CLI still works")
    func sameOriginAllowed() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            let sameOrigin = try await client.send(
                .POST, "\(gateway.adminURL)/api/v1/models/m/pause",
                headers: [
                    ("origin", gateway.adminURL), ("sec-fetch-site", "same-origin"),
                    ("content-type", "application/json; charset=utf-8"),
                ],
                body: ByteBuffer(string: #"{"reason":"from the dashboard"}"#)
            )
            #expect(sameOrigin.status == 200)
            #expect(try await phase(gateway) == "paused")
            let read = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m", headers: [("origin", "http://evil.example")])
            #expect(read.status == 200)
            let resumed = try await CommandLineTests.runOffPool(["resume", "m", "--reason", "from the CLI", "--server", gateway.adminURL])
            #expect(resumed.status == 0, "\(resumed.errors)")
            #expect(try await phase(gateway) != "paused")
            let paused = try await CommandLineTests.runOffPool(["pause", "m", "--server", gateway.adminURL])
            #expect(paused.status == 0, "\(paused.errors)")
            #expect(try await phase(gateway) == "paused")
            let status = try await CommandLineTests.runOffPool(["status", "m", "--json", "--server", gateway.adminURL])
            #expect(status.status == 0)
            #expect(status.output.contains(#""paused""#))
        }
    }

    @Test("without a token a foreign Host (DNS rebinding) is refused; with a token it is not checked")
    func hostChecked() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            let rebound = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models", headers: [("host", "evil.example:\(gateway.adminPort)")])
            #expect(rebound.status == 403)
            #expect((rebound.json["error"] as? String)?.hasPrefix("Host evil.example:\(gateway.adminPort) is not this gateway's address") == true)
            for host in ["localhost:\(gateway.adminPort)", "127.0.0.1:\(gateway.adminPort)", "[::1]:\(gateway.adminPort)"] {
                let local = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models", headers: [("host", host)])
                #expect(local.status == 200, "\(host)")
            }
        }
        try await GatewayHarness.run(Self.config(upstream), environment: ["TURNOUT_ADMIN_TOKEN": "s3cret"]) { gateway in
            let named = try await client.send(
                .GET, "\(gateway.adminURL)/api/v1/models", headers: [("host", "turnout.internal"), ("authorization", "Bearer s3cret")]
            )
            #expect(named.status == 200)
        }
    }

    @Test("a non-loopback admin without a token refuses to start, and starts with a warning when opted in")
    func closedByDefault() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        let open: (inout TurnoutConfig) -> Void = { $0.admin.listen = ListenAddress(host: "0.0.0.0", port: 0) }
        await #expect {
            try await GatewayHarness.run(Self.config(upstream), configure: open) { _ in }
        } throws: { error in
            let text = (error as? GatewayError)?.description ?? ""
            return text.hasPrefix("admin.listen: 0.0.0.0:0 is not a loopback address and no admin token is set")
                && text.contains("admin.allow_unauthenticated: true")
        }
        let lines = NIOLockedValueBox<[String]>([])
        try await GatewayHarness.run(Self.config(upstream), logger: RecordingLogHandler.logger(lines), configure: {
            open(&$0)
            $0.admin.allowUnauthenticated = true
        }) { gateway in
            #expect(try await client.send(.GET, "\(gateway.adminURL)/healthz").status == 200)
            // The address is this machine's to the gateway, but no name a rebinding page could use.
            let named = try await client.send(.GET, "\(gateway.adminURL)/healthz", headers: [("host", "evil.example")])
            #expect(named.status == 403)
            let deadline = ContinuousClock.now + .seconds(30)
            while !lines.withLockedValue({ $0.contains { $0.hasPrefix("warning: the admin API on 0.0.0.0:0 has no token") } }),
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(lines.withLockedValue { $0.contains { $0.hasPrefix("warning: the admin API on 0.0.0.0:0 has no token") } })
        }
        try await GatewayHarness.run(Self.config(upstream), environment: ["TURNOUT_ADMIN_TOKEN": "s3cret"], configure: open) { gateway in
            let anonymous = try await client.send(.GET, "\(gateway.adminURL)/healthz")
            #expect(anonymous.status == 401)
        }
    }

    @Test("turnout validate refuses an admin API that could never start and notes what depends on the environment")
    func validateSays() throws {
        let refused = try CommandLineTests.temporaryFile("""
            admin: { listen: 0.0.0.0:8081, token_env: null }
            models:
              m: { versions: { v1: { upstream: "http://127.0.0.1:9000" } } }
            """)
        let depends = try CommandLineTests.temporaryFile("""
            admin: { listen: 0.0.0.0:8081, token_env: TURNOUT_TEST_UNSET_TOKEN }
            models:
              m: { versions: { v1: { upstream: "http://127.0.0.1:9000" } } }
            """)
        defer {
            try? FileManager.default.removeItem(at: refused)
            try? FileManager.default.removeItem(at: depends)
        }
        let never = try CommandLineTests.run(["validate", "--config", refused.path])
        #expect(never.status == 1)
        #expect(never.output.hasPrefix("admin.listen: 0.0.0.0:8081 is not a loopback address"))
        let maybe = try CommandLineTests.run(["validate", "--config", depends.path])
        #expect(maybe.status == 0)
        #expect(maybe.output == "ok\n")
        #expect(maybe.errors.contains("starts only with TURNOUT_TEST_UNSET_TOKEN set"))
    }

    @Test("the guard's rules, request by request")
    func rules() {
        let open = AdminRequestGuard(scheme: "http", checksHost: true, listenHost: "127.0.0.1")
        func check(_ method: HTTPRequest.Method, _ authority: String?, _ fields: [(String, String)]) -> HTTPResponse.Status? {
            var headers = HTTPFields()
            for (name, value) in fields { headers[.init(name)!] = value }
            return open.refusal(method: method, authority: authority, headers: headers)?.status
        }
        #expect(check(.post, "127.0.0.1:8081", []) == nil)
        #expect(check(.post, "127.0.0.1:8081", [("origin", "http://127.0.0.1:8081")]) == nil)
        #expect(check(.post, "127.0.0.1:8081", [("origin", "https://127.0.0.1:8081")]) == .forbidden)
        #expect(check(.post, "127.0.0.1:8081", [("origin", "http://127.0.0.1:8082")]) == .forbidden)
        #expect(check(.post, "localhost", [("origin", "http://localhost:80")]) == nil)
        #expect(check(.delete, "127.0.0.1:8081", [("sec-fetch-site", "same-site")]) == .forbidden)
        #expect(check(.patch, "127.0.0.1:8081", [("sec-fetch-site", "none")]) == nil)
        #expect(check(.get, "127.0.0.1:8081", [("origin", "http://evil.example"), ("content-type", "text/plain")]) == nil)
        #expect(check(.put, "127.0.0.1:8081", [("content-type", "Application/JSON ; charset=utf-8")]) == nil)
        #expect(check(.put, "127.0.0.1:8081", [("content-type", "application/jsonx")]) == .unsupportedMediaType)
        #expect(check(.get, "rebind.evil.example:8081", []) == .forbidden)
        #expect(check(.get, "10.1.2.3:8081", []) == nil)
        #expect(check(.get, nil, []) == nil)
        let tokened = AdminRequestGuard(scheme: "https", checksHost: false, listenHost: "0.0.0.0")
        #expect(tokened.refusal(method: .get, authority: "turnout.internal", headers: [:]) == nil)
        #expect(tokened.isOwnOrigin("https://turnout.internal", authority: "turnout.internal:443"))
    }
}
