import NIOHTTP1
import Testing
@testable import TurnoutGateway

/// ``HopByHopHeaders`` on its own: which headers survive forwarding.
@Suite("Hop-by-hop headers")
struct HopByHopHeadersTests {
    static func removing(_ fields: [(String, String)]) -> [String] {
        var headers = HTTPHeaders(fields)
        HopByHopHeaders.remove(from: &headers)
        return headers.map { "\($0.name): \($0.value)" }
    }

    @Test("headers without hop-by-hop ones are left as they are")
    func nothingToRemove() {
        #expect(Self.removing([("Host", "a"), ("Content-Length", "2")]) == ["Host: a", "Content-Length: 2"])
    }

    @Test("the standard names are removed whatever their case, the rest kept in order")
    func standardNames() {
        let kept = Self.removing([
            ("Connection", "keep-alive"), ("x-a", "1"), ("Keep-Alive", "timeout=5"), ("TE", "trailers"),
            ("Transfer-Encoding", "chunked"), ("x-b", "2"), ("Upgrade", "h2c"), ("Expect", "100-continue"),
            ("Proxy-Connection", "close"), ("Proxy-Authorization", "x"), ("Proxy-Authenticate", "y"), ("Trailer", "z"),
        ])
        #expect(kept == ["x-a: 1", "x-b: 2"])
    }

    @Test("headers the Connection header names are removed, in any case and list form")
    func namedByConnection() {
        let kept = Self.removing([
            ("connection", "Keep-Alive, X-Hop"), ("connection", "x-other"), ("x-hop", "1"), ("X-Other", "2"),
            ("keep-alive", "timeout=5"), ("x-kept", "3"),
        ])
        #expect(kept == ["x-kept: 3"])
    }

    @Test("Connection lists are split at commas with spaces and tabs trimmed; standard and empty names are skipped")
    func listedNames() {
        let headers = HTTPHeaders([("Connection", " keep-alive ,\tX-Hop\t,, close ,x-b"), ("x-c", "d, e"), ("CONNECTION", "Upgrade,x-e")])
        #expect(HopByHopHeaders.otherNamesInConnection(headers) == ["X-Hop", "close", "x-b", "x-e"])
        #expect(HopByHopHeaders.otherNamesInConnection(HTTPHeaders([("connection", "keep-alive")])).isEmpty)
    }

    @Test("a name that only starts like a hop-by-hop one is kept")
    func similarNames() {
        #expect(Self.removing([("te-x", "1"), ("connections", "2"), ("upgrade-insecure-requests", "1")])
            == ["te-x: 1", "connections: 2", "upgrade-insecure-requests: 1"])
    }
}
