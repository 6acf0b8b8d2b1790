import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// The dashboard on a real admin listener: its files and headers, the time series it draws, and
/// the refusals that keep its buttons from being pressed by anyone else.
@Suite("Dashboard")
struct DashboardTests {
    let client = HTTPClient.shared

    /// Two versions split 50/50: the admin guard's tests' model.
    static func config(_ upstream: TestUpstream) -> String {
        AdminGuardTests.config(upstream)
    }

    @Test("the pages, script and style are served from the binary with their types, a strict CSP and revalidation")
    func files() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            let expected = [
                ("/ui", "text/html; charset=utf-8"), ("/ui/", "text/html; charset=utf-8"),
                ("/ui/models/m", "text/html; charset=utf-8"), ("/ui/app.js", "text/javascript; charset=utf-8"),
                ("/ui/app.css", "text/css; charset=utf-8"), ("/ui/favicon.svg", "image/svg+xml"),
            ]
            for (path, type) in expected {
                let answer = try await client.send(.GET, gateway.adminURL + path)
                #expect(answer.status == 200, "\(path)")
                #expect(answer.headers.first(name: "content-type") == type, "\(path)")
                let policy = answer.headers.first(name: "content-security-policy") ?? ""
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe"))
                #expect(answer.headers.first(name: "x-content-type-options") == "nosniff")
                #expect(answer.headers.first(name: "cache-control") == "no-cache")
                let tag = try #require(answer.headers.first(name: "etag"))
                let again = try await client.send(.GET, gateway.adminURL + path, headers: [("if-none-match", tag)])
                #expect(again.status == 304)
                #expect(again.body.readableBytes == 0)
            }
            let page = try await client.send(.GET, "\(gateway.adminURL)/ui")
            // Nothing inline that the policy would block, nothing from another host.
            #expect(page.text.contains(#"<script src="/ui/app.js" defer></script>"#))
            #expect(page.text.contains(#"<link rel="icon" href="/ui/favicon.svg""#))
            #expect(!page.text.contains("<script>") && !page.text.contains("style=") && !page.text.contains("http"))
            let script = try await client.send(.GET, "\(gateway.adminURL)/ui/app.js")
            // The SVG namespace is a name, not a fetch; nothing else names another host.
            #expect(!script.text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
            let total = [DashboardAssets.page, DashboardAssets.script, DashboardAssets.style, DashboardAssets.icon].map(\.text.utf8.count).reduce(0, +)
            #expect(total < 300_000)
            #expect(try await client.send(.GET, "\(gateway.adminURL)/ui/nothing.js").status == 404)
            let session = try await client.send(.GET, "\(gateway.adminURL)/ui/session")
            #expect(session.text == #"{"actions_allowed":true,"token_required":false}"#)
        }
    }

    @Test("the series hold each version's requests per stored interval, and bad input is a 4xx")
    func series() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            for index in 0..<40 {
                _ = try await client.send(.POST, "\(gateway.baseURL)/v2/models/m/versions/v\(index % 4 == 0 ? 2 : 1)/infer", body: ByteBuffer(string: "{}"))
            }
            let answer = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/series?window=600")
            #expect(answer.status == 200)
            #expect(answer.json["model"] as? String == "m")
            #expect(answer.json["versions"] as? [String] == ["v1", "v2"])
            #expect(answer.json["interval_seconds"] as? Int == 60)
            let points = try #require(answer.json["points"] as? [[String: Any]])
            #expect(!points.isEmpty)
            func requests(_ version: String) -> Int {
                points.compactMap { (($0["versions"] as? [String: Any])?[version] as? [String: Any])?["requests"] as? Int }.reduce(0, +)
            }
            #expect(requests("v1") == 30)
            #expect(requests("v2") == 10)
            for point in points {
                let seconds = try #require(point["seconds"] as? Double)
                #expect(seconds > 0 && seconds <= 60)
            }
            #expect(try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/nope/series").status == 404)
            let bad = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/series?window=-5")
            #expect(bad.status == 400)
            #expect((bad.json["error"] as? String)?.contains("window") == true)
        }
    }

    @Test("with a token the pages load without it, every API call and action needs it, and cross-site actions are refused")
    func tokenRequired() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream), environment: ["TURNOUT_ADMIN_TOKEN": "s3cret"]) { gateway in
            #expect(try await client.send(.GET, "\(gateway.adminURL)/ui").status == 200)
            #expect(try await client.send(.GET, "\(gateway.adminURL)/ui/app.js").status == 200)
            let session = try await client.send(.GET, "\(gateway.adminURL)/ui/session")
            #expect(session.text == #"{"actions_allowed":true,"token_required":true}"#)
            #expect(try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m/series").status == 401)
            let browser = [("origin", gateway.adminURL), ("sec-fetch-site", "same-origin"), ("content-type", "application/json")]
            let pause = "\(gateway.adminURL)/api/v1/models/m/pause"
            let reason = ByteBuffer(string: #"{"reason":"from the dashboard"}"#)
            let anonymous = try await client.send(.POST, pause, headers: browser, body: reason)
            #expect(anonymous.status == 401)
            let bearer = ("authorization", "Bearer s3cret")
            // A page elsewhere that somehow holds the token still cannot act from its own site.
            let crossSite = try await client.send(
                .POST, pause, headers: [bearer, ("origin", "http://evil.example"), ("sec-fetch-site", "cross-site"), ("content-type", "application/json")],
                body: reason
            )
            #expect(crossSite.status == 403)
            let form = try await client.send(.POST, pause, headers: [bearer, ("content-type", "application/x-www-form-urlencoded")], body: ByteBuffer(string: "reason=x"))
            #expect(form.status == 415)
            let status = try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m", headers: [bearer])
            #expect((status.json["release"] as? [String: Any])?["phase"] as? String == "progressing")
            let accepted = try await client.send(.POST, pause, headers: browser + [bearer], body: reason)
            #expect(accepted.status == 200)
            #expect((accepted.json["release"] as? [String: Any])?["phase"] as? String == "paused")
            let events = try await client.send(.GET, "\(gateway.adminURL)/api/v1/events?model=m", headers: [bearer])
            #expect(events.text.contains("from the dashboard"))
        }
    }

    @Test("without a token off loopback the dashboard is read-only: browsers' changes are refused, other clients' are not")
    func readOnlyOffLoopback() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream), configure: {
            $0.admin.listen = ListenAddress(host: "0.0.0.0", port: 0)
            $0.admin.allowUnauthenticated = true
        }) { gateway in
            let session = try await client.send(.GET, "\(gateway.adminURL)/ui/session")
            #expect(session.text == #"{"actions_allowed":false,"token_required":false}"#)
            let pause = "\(gateway.adminURL)/api/v1/models/m/pause"
            let fromPage = try await client.send(
                .POST, pause, headers: [("origin", gateway.adminURL), ("sec-fetch-site", "same-origin"), ("content-type", "application/json")],
                body: ByteBuffer(string: #"{"reason":"x"}"#)
            )
            #expect(fromPage.status == 403)
            #expect((fromPage.json["error"] as? String)?.contains("read-only") == true)
            #expect(try await client.send(.GET, "\(gateway.adminURL)/api/v1/models/m").status == 200)
            let fromCLI = try await client.send(.POST, pause, headers: [("content-type", "application/json")], body: ByteBuffer(string: #"{"reason":"x"}"#))
            #expect(fromCLI.status == 200)
        }
    }

    @Test("without a token on loopback the dashboard's actions work")
    func loopbackActions() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        try await GatewayHarness.run(Self.config(upstream)) { gateway in
            let answer = try await client.send(
                .POST, "\(gateway.adminURL)/api/v1/models/m/pause",
                headers: [("origin", gateway.adminURL), ("sec-fetch-site", "same-origin"), ("content-type", "application/json")],
                body: ByteBuffer(string: #"{"reason":"checking"}"#)
            )
            #expect(answer.status == 200)
            #expect((answer.json["release"] as? [String: Any])?["phase"] as? String == "paused")
        }
    }
}
