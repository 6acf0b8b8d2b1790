import Foundation
import Testing
import TurnoutAdminAPI
@testable import TurnoutGateway
import TurnoutStats

/// The gateway's side of the admin contracts: answers built from its own values.
@Suite("Admin answers")
struct AdminAnswerTests {
    /// JSON text as a Foundation object, to compare documents regardless of key order.
    private func document(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test("an A/B result answer writes exactly what the engine's own encoding writes", arguments: ["fixed", "sequential", "bayesian"])
    func abtestResultMatchesEngine(test: String) throws {
        let input = """
            {"arms":[{"name":"control","n":3407,"sum":1396.87,"sum_squares":52377.9767},
                     {"name":"variant","n":3461,"sum":2422.7,"sum_squares":134698.29}],
             "control":"control","metric":"mean","effect":"relative","test":"\(test)","alpha":0.05,"weights":{"control":50,"variant":50}}
            """
        let engine = try AnalysisEngine.analyze(json: Data(input.utf8))
        let result = try JSONDecoder().decode(AnalysisResult.self, from: engine)
        let answer = try AdminJSON.encode(ABTestResultAnswer(result))
        #expect(try document(answer) == document(engine))
    }

    @Test("an answer with a NaN is written with status 200, not refused as unwritable JSON")
    func nonFiniteAnswer() throws {
        let arm = BanditArmAnswer(name: "v1", pulls: 1, rewards: 1, mean: .nan, ci: nil, share: 1, nextShare: .nan, probabilityBest: 1)
        let response = AdminRouter.json(ExperimentAnswer(
            model: "m", strategy: "bandit", phase: "progressing", startedAt: 0, settings: .object([:]), arms: [arm], conclusion: nil
        ))
        #expect(response.status == .ok)
    }
}
