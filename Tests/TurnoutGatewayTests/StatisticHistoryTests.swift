import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TurnoutAdminAPI
import TurnoutCore
@testable import TurnoutGateway

/// `GET /api/v1/models/{model}/history`: a bandit's P(best) and shares and a shadow's agreement
/// and kappa, sampled by the gateway, so the dashboard's charts start before the page opened.
@Suite("Statistic history")
struct StatisticHistoryTests {
    static func history(_ gateway: GatewayHarness, model: String) async throws -> HistoryAnswer {
        let answer = try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/\(model)/history")
        #expect(answer.status == 200, "\(answer.text)")
        return try AdminJSON.decoder().decode(HistoryAnswer.self, from: Data(answer.body.readableBytesView))
    }

    @Test("samples are kept oldest first up to the capacity, non-finite values left out, and a new release starts afresh")
    func ring() {
        let history = StatisticHistory(interval: 1)
        let first = ReleaseSpec(SingleSpec(version: "v1"))
        for i in 0..<(HistoryAnswer.capacity + 10) {
            history.record(model: "m", spec: first, time: Double(i), values: ["best/v1": Double(i) / 1000, "best/v2": .nan])
        }
        let series = history.answer(model: "m").series
        #expect(series["best/v2"] == nil)
        #expect(series["best/v1"]?.count == HistoryAnswer.capacity)
        #expect(series["best/v1"]?.first == [10, 0.01])
        history.record(model: "m", spec: ReleaseSpec(SingleSpec(version: "v2")), time: 1_000, values: ["best/v1": 1])
        #expect(history.answer(model: "m").series == ["best/v1": [[1_000, 1]]])
        history.keep(only: [])
        #expect(history.answer(model: "m").series.isEmpty)
    }

    @Test("a running gateway samples its shadow's agreement and kappa, and its bandit's P(best) and shares")
    func sampledByTheGateway() async throws {
        let primary = try await ScriptedModelServer.start(ShadowTests.model(shadow: false))
        let shadow = try await ScriptedModelServer.start(ShadowTests.model(shadow: true))
        let yaml = ShadowTests.config(primary: primary.url, shadows: [("v2", shadow.url)], release: "{ strategy: shadow, primary: v1, shadows: [v2] }")
        try await GatewayHarness.run(yaml) { gateway in
            for flip in [0.0, 1.0, 0.0, 0.0] {
                _ = try await HTTPClient.shared.send(.POST, "\(gateway.baseURL)/v2/models/m/infer", body: ShadowTests.request(0.8, flip))
            }
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                (try await Self.history(gateway, model: "m").series["agreement/v2"]?.filter { $0[1] == 0.75 }.count ?? 0) >= 2
            }
            let series = try await Self.history(gateway, model: "m").series
            #expect(series["kappa/v2"] != nil)
            let times = series["agreement/v2"]?.map { $0[0] } ?? []
            #expect(times == times.sorted())
            #expect(try await HTTPClient.shared.send(.GET, "\(gateway.adminURL)/api/v1/models/nope/history").status == 404)
        }
        try await primary.stop()
        try await shadow.stop()

        let v1 = try await TestUpstream.start(name: "v1")
        let v2 = try await TestUpstream.start(name: "v2")
        try await GatewayHarness.run(BanditTests.config(v1, v2, release: "{ strategy: bandit, arms: [v1, v2], update_every: 1s }")) { gateway in
            try await ReloadTests.eventually(timeout: .seconds(60)) {
                (try await Self.history(gateway, model: "m").series["best/v1"]?.count ?? 0) >= 2
            }
            let series = try await Self.history(gateway, model: "m").series
            for arm in ["v1", "v2"] {
                #expect(series["best/\(arm)"]?.allSatisfy { (0...1).contains($0[1]) } == true)
                #expect(series["share/\(arm)"]?.allSatisfy { (0...1).contains($0[1]) } == true)
            }
        }
    }
}
