import NIOCore
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// The client-timeout rules, driven with made-up instants.
@Suite("Client deadlines")
struct ClientDeadlinesTests {
    static let limits = ListenerLimits(headerTimeout: .seconds(10), bodyTimeout: .seconds(30), idleTimeout: .seconds(60))
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    static func at(_ seconds: Int64) -> NIODeadline { start + .seconds(seconds) }

    @Test("a new connection has the header timeout from its accept, bytes or not")
    func firstHead() {
        var deadlines = ClientDeadlines(connectedAt: Self.at(0))
        #expect(deadlines.expired(at: Self.at(9), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(10), limits: Self.limits) == .header)
        #expect(!deadlines.headHasBytes)
        deadlines.bytesArrived(at: Self.at(5))
        #expect(deadlines.headHasBytes)
        #expect(deadlines.expired(at: Self.at(10), limits: Self.limits) == .header)
    }

    @Test("a body may pause up to the body timeout between reads; nothing runs while the answer is awaited")
    func bodyGaps() {
        var deadlines = ClientDeadlines(connectedAt: Self.at(0))
        deadlines.headArrived(at: Self.at(1))
        deadlines.bodyArrived(at: Self.at(20))
        deadlines.bytesArrived(at: Self.at(45))
        #expect(deadlines.expired(at: Self.at(74), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(75), limits: Self.limits) == .body)
        deadlines.requestEnded()
        #expect(deadlines.expired(at: Self.at(10_000), limits: Self.limits) == nil)
    }

    @Test("paused reads stop the body timeout, and it counts again from the resume")
    func pausedReads() {
        var deadlines = ClientDeadlines(connectedAt: Self.at(0))
        deadlines.headArrived(at: Self.at(0))
        deadlines.pauseReads()
        #expect(deadlines.expired(at: Self.at(500), limits: Self.limits) == nil)
        deadlines.resumeReads(at: Self.at(500))
        #expect(deadlines.expired(at: Self.at(529), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(530), limits: Self.limits) == .body)
    }

    @Test("after an answer the idle timeout runs until the next bytes, then the header timeout")
    func keepAlive() {
        var deadlines = ClientDeadlines(connectedAt: Self.at(0))
        deadlines.headArrived(at: Self.at(1))
        deadlines.requestEnded()
        deadlines.exchangeFinished(at: Self.at(2))
        #expect(deadlines.expired(at: Self.at(61), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(62), limits: Self.limits) == .idle)
        deadlines.bytesArrived(at: Self.at(50))
        #expect(deadlines.expired(at: Self.at(59), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(60), limits: Self.limits) == .header)
    }

    @Test("a pipelined head that started while the gateway was busy gets its full time from the answer")
    func pipelined() {
        var deadlines = ClientDeadlines(connectedAt: Self.at(0))
        deadlines.headArrived(at: Self.at(0))
        deadlines.requestEnded()
        deadlines.bytesArrived(at: Self.at(1))
        #expect(deadlines.expired(at: Self.at(100), limits: Self.limits) == nil)
        deadlines.exchangeFinished(at: Self.at(100))
        #expect(deadlines.expired(at: Self.at(109), limits: Self.limits) == nil)
        #expect(deadlines.expired(at: Self.at(110), limits: Self.limits) == .header)
    }

    @Test("the sweep interval is a tenth of the shortest timeout, from 10 ms to 1 s")
    func sweepInterval() {
        #expect(LoopContext.clientSweepInterval(for: Self.limits) == .seconds(1))
        #expect(LoopContext.clientSweepInterval(for: ListenerLimits(bodyTimeout: .milliseconds(300))) == .milliseconds(30))
        #expect(LoopContext.clientSweepInterval(for: ListenerLimits(idleTimeout: .milliseconds(1))) == .milliseconds(10))
    }

    @Test("dot segments are found plain, percent-encoded and behind encoded or back slashes")
    func dotSegments() {
        for path in ["/..", "/../x", "/a/./b", "/a/.", "/%2e%2e/x", "/%2E%2e", "/..%2fsecret", "/a%5c..%5cb", "/a\\..\\b", "/%2e/"] {
            #expect(DotSegments.contains(in: Substring(path)), "\(path)")
        }
        for path in ["/", "/a/b", "/...", "/.hidden", "/a..b", "/v1/predict..x", "/%2e%2e%2e", "/%41%2e", "/a%2"] {
            #expect(!DotSegments.contains(in: Substring(path)), "\(path)")
        }
    }

    @Test("request ids: short and plain ones are kept, others replaced")
    func requestIDs() {
        #expect(ClientRequestID.isAcceptable("0b9c2f0e-5a1d-4b7e-9c1a-2f3d4e5f6a7b", maxLength: 128))
        #expect(ClientRequestID.isAcceptable("trace:01_AB.cd-9", maxLength: 16))
        #expect(!ClientRequestID.isAcceptable("trace:01_AB.cd-9x", maxLength: 16))
        #expect(!ClientRequestID.isAcceptable("", maxLength: 128))
        #expect(!ClientRequestID.isAcceptable("any", maxLength: 0))
        for unsafe in ["a b", "a/b", "a\"b", "é", "a\nb", "a;b"] {
            #expect(!ClientRequestID.isAcceptable(unsafe, maxLength: 128), "\(unsafe)")
        }
    }
}
