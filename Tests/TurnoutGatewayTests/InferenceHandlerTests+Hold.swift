import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// Requests held while their version has no ready instance (a recreate release's gap), on an
/// embedded channel: the loop's sweep, which checks them, runs on `advanceTime`.
extension InferenceHandlerTests {
    static let holdRequest = "POST /v2/models/m/infer HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n"

    /// A connection to model `m`, whose one upstream instance is not ready, holding for `hold`.
    static func holdingConnection(_ hold: Duration?, limits: String = "") throws -> Connection {
        let connection = try Connection(limits: limits, version: upstreamVersion, holds: hold.map { ["m": $0] } ?? [:])
        guard case .upstream(let group) = connection.snapshot.models["m"]?.versions["v1"]?.backend else {
            throw EmbeddedUpstream.NoUpstreamVersion()
        }
        for instance in group.instances { instance.recordProbe(ready: false) }
        return connection
    }

    /// Publishes a snapshot in which `v1` of `m` has a new, ready instance, as the gateway does
    /// once an instance started by a release passes its probe; returns a connection to it.
    static func publishReadyInstance(to connection: Connection, hold: Duration) throws -> EmbeddedUpstream {
        let version = #"{ upstream: ["http://127.0.0.1:10"], probe: false, timeouts: { read: 2s } }"#
        let config = try TurnoutConfig.parse(yaml: "models:\n  m: { versions: { v1: \(version) } }\n")
        var builder = SnapshotBuilder()
        let snapshot = try builder.build(config, flags: nil, holds: ["m": hold])
        connection.handler.shared.snapshot.store(snapshot, ordering: .releasing)
        return try EmbeddedUpstream(for: connection, snapshot: snapshot)
    }

    static func holdTotals(_ connection: Connection) -> HoldTotals {
        connection.handler.shared.metrics.holdTotals(model: "m")
    }

    @Test("a held request goes to the instance a newer snapshot brings, with the body the client sent while it waited, and the connection serves on")
    func heldRequestForwarded() throws {
        let connection = try Self.holdingConnection(.seconds(5))
        try connection.send(Self.holdRequest + "{\"in")
        connection.loop.run()
        connection.loop.advanceTime(by: .milliseconds(500))
        #expect(connection.handler.state.isHolding)
        #expect(try connection.written().isEmpty, "a held request is not answered while its hold lasts")
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 0))
        try connection.send("puts\"}")
        connection.loop.run()

        let upstream = try Self.publishReadyInstance(to: connection, hold: .seconds(5))
        connection.loop.advanceTime(by: .milliseconds(100))
        let sent = try upstream.received()
        #expect(sent.hasPrefix("POST /v2/models/m/infer HTTP/1.1"), "\(sent)")
        #expect(sent.hasSuffix("\r\n\r\n{\"inputs\"}"), "the whole body, as the client sent it: \(sent)")
        try upstream.answer(Self.okAnswer)
        connection.loop.run()
        try connection.send("GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        let text = try connection.written()
        #expect(Self.statuses(text).count == 2, "\(text)")
        #expect(Self.statuses(text).allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(text)")
        #expect(text.lowercased().contains("x-turnout-version: v1"), "\(text)")
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 0))
        #expect(connection.channel.isActive)
    }

    @Test("a hold that runs out is answered 503 with Retry-After and a JSON error naming the model, version and wait; the pipelined request behind it is served")
    func holdRunsOut() throws {
        let connection = try Self.holdingConnection(.milliseconds(1500))
        try connection.send(Self.holdRequest + "{\"inputs\"}" + "GET /v2/health/live HTTP/1.1\r\nhost: x\r\n\r\n")
        connection.loop.run()
        connection.loop.advanceTime(by: .milliseconds(1400))
        #expect(try connection.written().isEmpty, "1.4 s of a 1.5 s hold")
        connection.loop.advanceTime(by: .milliseconds(200))
        let text = try connection.written()
        let statuses = Self.statuses(text)
        #expect(statuses.count == 2, "\(text)")
        #expect(statuses.first?.hasPrefix("HTTP/1.1 503") == true, "\(statuses)")
        #expect(statuses.last?.hasPrefix("HTTP/1.1 200") == true, "\(statuses)")
        #expect(text.lowercased().contains("retry-after: 2\r\n"), "the hold in whole seconds, rounded up: \(text)")
        #expect(text.lowercased().contains("content-type: application/json"), "\(text)")
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().first ?? ""
        let error = try #require(try JSONSerialization.jsonObject(with: Data(body.prefix { $0 != "H" }.utf8)) as? [String: Any])["error"] as? String
        #expect(error?.contains("model 'm' version 'v1' has no ready instance") == true, "\(error ?? body)")
        #expect(error?.contains("waited 15") == true, "\(error ?? body)")
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 1))
        #expect(connection.channel.isActive, "a refused request keeps its connection")
        #expect(connection.handler.watchIndex == nil)
    }

    @Test("a client that closes while held is dropped from the sweep, and nothing is answered or refused")
    func clientClosesWhileHeld() throws {
        let connection = try Self.holdingConnection(.seconds(2))
        try connection.send(Self.holdRequest + "{\"inputs\"}")
        connection.loop.run()
        #expect(connection.handler.watchIndex != nil, "a held request is checked by the loop's sweep")
        try connection.channel.close().wait()
        connection.loop.advanceTime(by: .seconds(5))
        #expect(connection.handler.watchIndex == nil && connection.handler.clientIndex == nil)
        #expect(!(try connection.written()).contains("x-request-id"))
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 0))
    }

    @Test("a held request whose body stalls past body_timeout gets 408, not a wait for the hold")
    func bodyTimeoutWhileHeld() throws {
        let connection = try Self.holdingConnection(.seconds(10), limits: "limits: { body_timeout: 2s }\n")
        try connection.send(Self.holdRequest + "{\"in")
        connection.loop.run()
        connection.loop.advanceTime(by: .milliseconds(1900))
        #expect(try connection.written().isEmpty)
        connection.loop.advanceTime(by: .milliseconds(300))
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 408") == true, "\(text)")
        #expect(!connection.channel.isActive, "the connection closes after the 408")
        #expect(connection.handler.watchIndex == nil)
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 0))
    }

    @Test("on shutdown a held request is answered 503 at once with connection: close, and the connection closes")
    func shutdownWhileHeld() throws {
        let connection = try Self.holdingConnection(.seconds(30))
        try connection.send(Self.holdRequest + "{\"inputs\"}")
        connection.loop.run()
        connection.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        connection.loop.run()
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 503") == true, "\(text)")
        #expect(text.contains("the gateway is shutting down"), "\(text)")
        #expect(text.lowercased().contains("connection: close"), "\(text)")
        #expect(!connection.channel.isActive)
        #expect(Self.holdTotals(connection) == HoldTotals(held: 1, refused: 1))
    }

    @Test("without a hold a version with no ready instance fails the request at once, as before")
    func noHoldFailsAtOnce() throws {
        let connection = try Self.holdingConnection(nil)
        try connection.send(Self.holdRequest + "{\"inputs\"}")
        connection.loop.run()
        let text = try connection.written()
        #expect(Self.statuses(text).first?.hasPrefix("HTTP/1.1 503") == true, "\(text)")
        #expect(text.contains(UpstreamError.noInstance.message), "\(text)")
        #expect(!text.lowercased().contains("retry-after"), "\(text)")
        #expect(Self.holdTotals(connection) == HoldTotals(held: 0, refused: 0))
        #expect(connection.handler.watchIndex == nil)
    }

    @Test("a held request follows the traffic when the release moves all of it away from its version, unless it was pinned")
    func heldTargetFollowsTheRelease() {
        let toV2 = [VersionWeight(version: "v1", weight: 0), VersionWeight(version: "v2", weight: 100)]
        let sticky = Decision(primary: "v1", reason: .sticky, probability: 1)
        #expect(InferenceHandler.heldTarget("v1", decision: sticky, weights: toV2) == "v2")
        #expect(InferenceHandler.heldTarget("v2", decision: sticky, weights: toV2) == "v2")
        #expect(InferenceHandler.heldTarget("v1", decision: Decision(primary: "v1", reason: .pinned, probability: 1), weights: toV2) == "v1")
        let split = [VersionWeight(version: "v1", weight: 10), VersionWeight(version: "v2", weight: 90)]
        #expect(InferenceHandler.heldTarget("v1", decision: sticky, weights: split) == "v1", "a version that still has a share keeps its requests")
        #expect(InferenceHandler.heldTarget("v1", decision: sticky, weights: []) == "v1")
    }
}
