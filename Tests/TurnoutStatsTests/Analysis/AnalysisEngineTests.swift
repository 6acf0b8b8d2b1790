import Foundation
import Testing
import TurnoutStats

/// The engine's JSON contract: the published vectors through `analyze(json:)`, clear errors on
/// bad input, and the decision rules.
@Suite("Analysis engine")
struct AnalysisEngineTests {
    let within = Tolerance(relative: 0, absolute: 1e-5)

    func run(_ json: String) throws -> [String: Any] {
        let output = try AnalysisEngine.analyze(json: Data(json.utf8))
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }

    func firstVariant(_ result: [String: Any]) -> [String: Any] {
        (result["variants"] as? [[String: Any]])?.first ?? [:]
    }

    func failure(_ json: String) -> AnalysisError? {
        do {
            _ = try AnalysisEngine.analyze(json: Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    static let welchArms = """
        [{"name": "v1", "n": 3407, "sum": 1396.87, "sum_squares": 52377.9767},
         {"name": "v2", "n": 3461, "sum": 2422.7, "sum_squares": 134698.29}]
        """

    @Test(arguments: [("relative", 0.70732, -0.03526, 1.44989, 0.37879, 0.06191), ("absolute", 0.29, 0.04538, 0.53462, 0.12478, 0.02016)])
    func welchVectorThroughJSON(effect: String, value: Double, lower: Double, upper: Double, se: Double, p: Double) throws {
        let variant = firstVariant(try run("""
            {"arms": \(Self.welchArms), "control": "v1", "test": "fixed", "effect": "\(effect)"}
            """))
        let ci = variant["ci"] as? [Double] ?? []
        #expect(within.accepts(variant["effect"] as? Double ?? .nan, value))
        #expect(within.accepts(ci.first ?? .nan, lower))
        #expect(within.accepts(ci.last ?? .nan, upper))
        #expect(within.accepts(variant["se"] as? Double ?? .nan, se))
        #expect(within.accepts(variant["p_value"] as? Double ?? .nan, p))
    }

    @Test func proportionSequentialBayesianAndSRMVectorsThroughJSON() throws {
        let proportions = firstVariant(try run("""
            {"arms": [{"name": "a", "n": 28, "sum": 14}, {"name": "b", "n": 30, "sum": 16}],
             "control": "a", "metric": "proportion", "test": "fixed"}
            """))
        #expect(within.accepts(proportions["effect"] as? Double ?? .nan, 0.06667))
        #expect(within.accepts(proportions["p_value"] as? Double ?? .nan, 0.80707))

        let sequential = firstVariant(try run("""
            {"arms": [{"name": "v1", "n": 3000, "sum": 1396.87, "sum_squares": 52377.9767},
                      {"name": "v2", "n": 3461, "sum": 2422.7, "sum_squares": 134698.29}],
             "control": "v1", "test": "sequential", "tuning": 1000}
            """))
        let sequentialCI = sequential["ci"] as? [Double] ?? []
        #expect(within.accepts(sequential["effect"] as? Double ?? .nan, 0.50336))
        #expect(within.accepts(sequentialCI.first ?? .nan, -0.55844))
        #expect(within.accepts(sequentialCI.last ?? .nan, 1.56516))
        #expect(within.accepts(sequential["p_value"] as? Double ?? .nan, 1))

        let bayesian = firstVariant(try run("""
            {"arms": [{"name": "a", "n": 100, "sum": 49}, {"name": "b", "n": 100, "sum": 51}],
             "control": "a", "metric": "proportion", "test": "bayesian"}
            """))
        let risk = bayesian["risk"] as? [String: Double] ?? [:]
        #expect(within.accepts(bayesian["effect"] as? Double ?? .nan, 0.04082))
        #expect(within.accepts(bayesian["chance_to_win"] as? Double ?? .nan, 0.60918))
        #expect(within.accepts(risk["control"] ?? .nan, 0.0814))
        #expect(within.accepts(risk["variant"] ?? .nan, 0.04058))
        #expect(bayesian["p_value"] is NSNull)

        let skewed = try run("""
            {"arms": [{"name": "a", "n": 1000, "sum": 100}, {"name": "b", "n": 1200, "sum": 120}],
             "control": "a", "metric": "proportion", "weights": {"a": 0.5, "b": 0.5}}
            """)
        let srm = skewed["srm"] as? [String: Any] ?? [:]
        #expect(Tolerance(relative: 1e-4, absolute: 0).accepts(srm["p_value"] as? Double ?? .nan, 0.000020079))
        #expect(srm["warning"] as? Bool == true)
        #expect(skewed["decision"] as? String == "keep_running")
    }

    @Test(arguments: [
        (#"{"control": "a"}"#, "arms", "missing"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": "ten", "sum": 1}], "control": "a"}"#, "arms[1].n", "non-negative integer"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": 10, "sum": 1, "sumSquares": 3}], "control": "a"}"#, "arms[1].sumSquares", "unknown key"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": 10, "sum": 1}], "control": "a", "test": "bandit"}"#, "test", "fixed | sequential | bayesian"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": 10, "sum": 1}], "control": "c"}"#, "control", "one of the arms"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 11}, {"name": "b", "n": 10, "sum": 1}], "control": "a", "metric": "proportion"}"#, "arms[0].sum", "between 0 and n"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": 10, "sum": 1}], "control": "a", "alpha": 1.5}"#, "alpha", "(0, 1)"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}, {"name": "b", "n": 10, "sum": 1}], "control": "a", "weights": {"a": 1}}"#, "weights", "missing a weight"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 1}], "control": "a"}"#, "arms", "at least two arms"),
        (#"{"arms": [{"name": "a", "n": 10, "sum": 10, "sum_squares": 2}, {"name": "b", "n": 10, "sum": 1}], "control": "a"}"#, "arms[0].sum_squares", "at least sum²/n"),
        (#"{"arms": [], "control": "a""#, "", "JSON"),
    ])
    func badInputNamesTheFieldAndTheExpectation(json: String, field: String, expectation: String) throws {
        let error = try #require(failure(json))
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains(expectation), "\(error)")
    }

    /// Large arms with a 10% lift on a 10% conversion rate.
    func request(test: TestKind, control: Double, variant: Double, n: Int = 40_000, goal: Goal = .maximize,
                 planned: Int? = nil, final: Bool = false, minSamples: Int = 0) -> AnalysisRequest {
        AnalysisRequest(
            arms: [
                .init(name: "v1", statistics: .proportion(successes: control * Double(n), of: n)),
                .init(name: "v2", statistics: .proportion(successes: variant * Double(n), of: n)),
            ],
            control: "v1", metric: .proportion, test: test, goal: goal, minSamples: minSamples,
            plannedSampleSize: planned, isFinalLook: final)
    }

    @Test(arguments: TestKind.allCases)
    func clearImprovementWins(test: TestKind) throws {
        let result = try AnalysisEngine.analyze(request(test: test, control: 0.10, variant: 0.12))
        #expect(result.decision == .variantWins)
        #expect(result.winner == "v2")
    }

    @Test(arguments: TestKind.allCases)
    func clearRegressionLosesAndGoalFlipsIt(test: TestKind) throws {
        let result = try AnalysisEngine.analyze(request(test: test, control: 0.12, variant: 0.10))
        #expect(result.decision == .controlWins)
        #expect(result.winner == "v1")
        // The same numbers as an error rate (lower is better): the variant wins.
        let errors = try AnalysisEngine.analyze(request(test: test, control: 0.12, variant: 0.10, goal: .minimize))
        #expect(errors.decision == .variantWins)
    }

    @Test func equalArmsKeepRunningUntilTheFinalLook() throws {
        #expect(try AnalysisEngine.analyze(request(test: .sequential, control: 0.1, variant: 0.1)).decision == .keepRunning)
        #expect(try AnalysisEngine.analyze(request(test: .sequential, control: 0.1, variant: 0.1, final: true)).decision == .noDifference)
        #expect(try AnalysisEngine.analyze(request(test: .sequential, control: 0.1, variant: 0.1, planned: 40_000)).decision == .noDifference)
    }

    @Test func fixedTestConcludesOnlyAtItsPlannedSize() throws {
        let early = try AnalysisEngine.analyze(request(test: .fixed, control: 0.10, variant: 0.12, planned: 50_000))
        #expect(early.decision == .keepRunning)
        let atPlan = try AnalysisEngine.analyze(request(test: .fixed, control: 0.10, variant: 0.12, planned: 40_000))
        #expect(atPlan.decision == .variantWins)
    }

    @Test func minSamplesBlocksAConclusion() throws {
        let result = try AnalysisEngine.analyze(request(test: .sequential, control: 0.10, variant: 0.12, minSamples: 50_000))
        #expect(result.decision == .keepRunning)
        #expect(result.reasons.first?.contains("min_samples") == true)
    }

    @Test func degenerateArmReportsAnErrorInsteadOfNumbers() throws {
        let result = try run("""
            {"arms": [{"name": "a", "n": 500, "sum": 0}, {"name": "b", "n": 500, "sum": 0}],
             "control": "a", "metric": "proportion", "effect": "absolute"}
            """)
        let variant = firstVariant(result)
        #expect(variant["effect"] is NSNull)
        #expect((variant["error"] as? String)?.contains("zero variance") == true)
        #expect(result["decision"] as? String == "keep_running")
    }

    @Test func requestRoundTripsThroughItsOwnEncoding() throws {
        let original = request(test: .bayesian, control: 0.1, variant: 0.11, planned: 10)
        let decoded = try JSONDecoder().decode(AnalysisRequest.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
    }
}

extension AnalysisEngineTests {
    @Test func resultDecodesFromItsOwnJSON() throws {
        let json = try AnalysisEngine.analyze(json: Data("""
            {"arms": [{"name": "a", "n": 4000, "sum": 400}, {"name": "b", "n": 4000, "sum": 480},
                      {"name": "c", "n": 4000, "sum": 410}],
             "control": "a", "metric": "proportion", "test": "fixed", "alternative": "greater",
             "weights": {"a": 1, "b": 1, "c": 1}}
            """.utf8))
        let result = try JSONDecoder().decode(AnalysisResult.self, from: json)
        #expect(result.variants.map(\.name) == ["b", "c"])
        #expect(result.variants[0].interval?.upper == .infinity)  // one-sided: null upper bound
        #expect(result.srm?.warning == false)
        #expect(result.decision == .variantWins && result.winner == "b")
        #expect(try AnalysisEngine.analyze(JSONDecoder().decode(AnalysisRequest.self, from: Data("""
            {"arms": [{"name": "a", "n": 4000, "sum": 400}, {"name": "b", "n": 4000, "sum": 480},
                      {"name": "c", "n": 4000, "sum": 410}],
             "control": "a", "metric": "proportion", "test": "fixed", "alternative": "greater",
             "weights": {"a": 1, "b": 1, "c": 1}}
            """.utf8))) == result)
    }
}
