import NIOCore
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// The pooling rules the data plane and the shadow mirror share.
@Suite("Upstream pool policy")
struct UpstreamPoolPolicyTests {
    @Test("idle and connect timeouts come from the version's configuration")
    func fromConfiguration() throws {
        let url = try #require(UpstreamURL(parsing: "http://127.0.0.1:9001"))
        let config = UpstreamConfig(instances: [url], timeouts: UpstreamTimeouts(connect: .milliseconds(300)), idleTimeout: .milliseconds(1500))
        let policy = UpstreamPoolPolicy(config)
        #expect(policy.idleTimeout == .milliseconds(1500))
        #expect(policy.connectTimeout == .milliseconds(300))
        // Connecting never outlasts the call that asked for it.
        #expect(policy.connectTimeout(within: .milliseconds(100)) == .milliseconds(100))
        #expect(policy.connectTimeout(within: .seconds(5)) == .milliseconds(300))
    }

    @Test("a connection idle for idle_timeout or longer is not reused")
    func idleTimeout() {
        let policy = UpstreamPoolPolicy(idleTimeout: .seconds(2), connectTimeout: .seconds(1))
        let idleSince = NIODeadline.uptimeNanoseconds(10_000_000_000)
        #expect(policy.mayReuse(idleSince: idleSince, at: idleSince + .milliseconds(1999)))
        #expect(!policy.mayReuse(idleSince: idleSince, at: idleSince + .seconds(2)))
        #expect(!policy.mayReuse(idleSince: idleSince, at: idleSince + .seconds(60)))
    }

    @Test("reuse only after a complete exchange on a connection the upstream keeps alive")
    func reuse() {
        #expect(UpstreamPoolPolicy.isReusable(keepAlive: true, requestSent: true))
        #expect(!UpstreamPoolPolicy.isReusable(keepAlive: false, requestSent: true))
        #expect(!UpstreamPoolPolicy.isReusable(keepAlive: true, requestSent: false))
    }

    @Test("a failed request is replaced once, only on a reused connection and before any answer")
    func replaceOnce() {
        #expect(UpstreamPoolPolicy.replacesStaleConnection(reused: true, answerStarted: false, alreadyReplaced: false))
        #expect(!UpstreamPoolPolicy.replacesStaleConnection(reused: false, answerStarted: false, alreadyReplaced: false))
        #expect(!UpstreamPoolPolicy.replacesStaleConnection(reused: true, answerStarted: true, alreadyReplaced: false))
        #expect(!UpstreamPoolPolicy.replacesStaleConnection(reused: true, answerStarted: false, alreadyReplaced: true))
    }
}
