import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutAdminAPI
@testable import TurnoutGateway

/// `GET /api/v1/models/{model}/shadow/samples`: the sampled mirrored requests with both answers,
/// judged pair by pair as the running comparison judges them.
@Suite("Sampled shadow pairs")
struct ShadowSamplesTests {
    static func samples(_ gateway: GatewayHarness, query: String) async throws -> ShadowSamplesAnswer {
        let answer = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m/shadow/samples?\(query)")
        #expect(answer.status == 200, "\(answer.text)")
        return try AdminJSON.decoder().decode(ShadowSamplesAnswer.self, from: Data(answer.body.readableBytesView))
    }

    @Test("disagreeing pairs are listed with both answers and the differing label; agreeing ones only without the filter")
    func disagreeingPairs() async throws {
        let primary = try await ScriptedModelServer.start(ShadowTests.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(ShadowTests.model(shadow: true))
        let yaml = ShadowTests.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
            .replacingOccurrences(of: "    protocol: v2\n", with: "    protocol: v2\n    log: { sample: 1, max_bytes: 4096 }\n")
        try await GatewayHarness.run(yaml) { gateway in
            // The shadow flips the label when the second feature is 1: requests 2 and 5 disagree.
            for i in 0..<6 {
                let flip = i == 2 || i == 5 ? 1.0 : 0.0
                _ = try await HTTPClient.shared.send(
                    .POST, "\(gateway.baseURL)/v2/models/m/infer", headers: [("x-request-id", "req-\(i)")], body: ShadowTests.request(0.8, flip)
                )
            }
            try await ReloadTests.eventually { ShadowTests.counts(try await ShadowTests.shadowJSON(gateway), "v2")["pairs"] == 6 }

            let disagreeing = try await Self.samples(gateway, query: "disagreeing=true")
            #expect(disagreeing.examined == 6)
            #expect(Set(disagreeing.samples.map(\.requestID)) == ["req-2", "req-5"], "\(disagreeing.samples.map(\.requestID))")
            let pair = try #require(disagreeing.samples.first { $0.requestID == "req-5" })
            #expect(pair.agrees == false && pair.difference == "label 1 vs 0", "\(pair.difference)")
            #expect(pair.primary == "v1" && pair.shadow == "v2" && pair.primaryStatus == 200 && pair.shadowStatus == 200)
            #expect(pair.request?.contains("[0.8,1.0]") == true, "\(pair.request ?? "nil")")
            #expect(pair.primaryAnswer?.contains(#""data":[1]"#) == true && pair.shadowAnswer.contains(#""data":[0]"#), "\(pair.shadowAnswer)")
            #expect(abs((pair.maxPredictionDifference ?? 0) - 0.1) < 1e-6)
            #expect(!pair.truncated)

            let all = try await Self.samples(gateway, query: "limit=4")
            #expect(all.samples.count == 4)
            #expect(all.samples.filter { $0.agrees == true }.allSatisfy { $0.difference == "same label" })
            let times = all.samples.map(\.time)
            #expect(times == times.sorted(by: >), "newest first")
        }
        try await primary.stop()
        try await shadow.stop()
    }

    @Test("bad parameters get 400 naming them; an unknown model 404")
    func badParameters() async throws {
        let upstream = try await TestUpstream.start(name: "v1")
        let yaml = ShadowTests.config(primary: upstream.url, shadows: [("v2", upstream.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
        try await GatewayHarness.run(yaml) { gateway in
            for (query, message) in [
                ("limit=0", "limit must be a whole number from 1 to 200"), ("limit=x", "limit must be a whole number from 1 to 200"),
                ("disagreeing=maybe", #"disagreeing must be true or false, got \"maybe\""#),
            ] {
                let answer = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/m/shadow/samples?\(query)")
                #expect(answer.status == 400 && answer.text.contains(message), "\(query): \(answer.text)")
            }
            let unknown = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/nope/shadow/samples")
            #expect(unknown.status == 404)
        }
    }
}
