import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutCore
@testable import TurnoutGateway

/// Requests held over real sockets while a version has no ready instance (a recreate release's
/// gap), then answered by the instance a newer snapshot brings, or refused once the hold runs out.
@Suite("Holding requests for an instance")
struct HoldTests {
    /// A snapshot in which model `m` routes to `v2` at `url`, holding requests for `hold`; with
    /// `ready: false` the instance is not ready, as a recreate's new version before its probe passes.
    static func snapshot(url: String, hold: Duration, ready: Bool) throws -> GatewaySnapshot {
        let config = try TurnoutConfig.parse(yaml: "models:\n  m: { versions: { v2: { upstream: [\"\(url)\"], probe: false } } }\n")
        var builder = SnapshotBuilder()
        let snapshot = try builder.build(config, flags: nil, holds: ["m": hold])
        if !ready { snapshot.instances.forEach { $0.recordProbe(ready: false) } }
        return snapshot
    }

    @Test("requests sent while the version has no instance wait, and all get 200 with their bodies intact once an instance is published")
    func heldUntilReady() async throws {
        let upstream = try await TestUpstream.start(name: "v2")
        let gap = try Self.snapshot(url: "http://127.0.0.1:9", hold: .seconds(20), ready: false)
        try await ServedDataPlane.run(gap) { dataPlane in
            // The last body is larger than what is buffered before the client is paused.
            let bodies = (0..<5).map { RandomBytes.make(count: 10_000 + $0 * 7_919) } + [RandomBytes.make(count: 3 * InferenceHandler.bufferHighWater)]
            try await withThrowingTaskGroup(of: (Answer, [UInt8]).self) { requests in
                for body in bodies {
                    requests.addTask {
                        let answer = try await HTTPClient.shared.send(.POST, "\(dataPlane.baseURL)/v2/models/m/infer", body: ByteBuffer(bytes: body))
                        return (answer, body)
                    }
                }
                try await ReloadTests.eventually { dataPlane.shared.metrics.holdTotals(model: "m").held == bodies.count }
                dataPlane.publish(try Self.snapshot(url: upstream.url, hold: .seconds(20), ready: true))
                var answered = 0
                for try await (answer, body) in requests {
                    answered += 1
                    #expect(answer.status == 200, "\(answer.text)")
                    #expect(answer.version == "v2")
                    #expect(answer.json["bytes"] as? Int == body.count)
                    #expect((answer.json["checksum"] as? NSNumber)?.uint64Value == Checksum.of(body))
                }
                #expect(answered == bodies.count)
            }
            let totals = dataPlane.shared.metrics.holdTotals(model: "m")
            #expect(totals == HoldTotals(held: bodies.count, refused: 0), "every request waited, none was refused")
            let exposition = String(decoding: dataPlane.shared.metrics.exposition(), as: UTF8.self)
            #expect(exposition.contains(#"turnout_requests_held_total{model="m"} \#(totals.held)"#), "\(exposition)")
        }
        try await upstream.stop()
    }

    @Test("with a short hold and no instance, requests are refused 503 with Retry-After and counted")
    func refusedAfterHold() async throws {
        let gap = try Self.snapshot(url: "http://127.0.0.1:9", hold: .milliseconds(200), ready: false)
        try await ServedDataPlane.run(gap) { dataPlane in
            for _ in 0..<2 {
                let answer = try await HTTPClient.shared.send(.POST, "\(dataPlane.baseURL)/v2/models/m/infer", body: ByteBuffer(string: "{}"))
                #expect(answer.status == 503)
                #expect(answer.headers.first(name: "retry-after") == "1")
                #expect((answer.json["error"] as? String)?.contains("model 'm' version 'v2' has no ready instance") == true, "\(answer.text)")
            }
            #expect(dataPlane.shared.metrics.holdTotals(model: "m") == HoldTotals(held: 2, refused: 2))
            let exposition = String(decoding: dataPlane.shared.metrics.exposition(), as: UTF8.self)
            #expect(exposition.contains(#"turnout_requests_refused_total{model="m"} 2"#), "\(exposition)")
        }
    }
}
