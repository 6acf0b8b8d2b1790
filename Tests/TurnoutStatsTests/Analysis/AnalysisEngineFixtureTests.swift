import Foundation
import Testing
import TurnoutStats

/// Whole A/B/n requests through `AnalysisEngine.analyze(json:)`, against gbstats (effects,
/// intervals, p-values, chance to win, risk, SRM), statsmodels (Holm) and scipy (arm intervals).
@Suite("Analysis engine vs gbstats fixtures")
struct AnalysisEngineFixtureTests {
    struct ExpectedArm: Decodable {
        let name: String
        let n: Int
        let mean: Double
        let ci: [Double]
    }

    struct ExpectedVariant: Decodable {
        let name: String
        let effect: Double
        let ci: [Double]
        let se: Double
        let p_value: Double?
        let adjusted_p_value: Double?
        let chance_to_win: Double
        let risk: [Double]
    }

    struct Expected: Decodable {
        let arms: [ExpectedArm]
        let variants: [ExpectedVariant]
        let srm_p_value: Double
    }

    /// The request is kept as raw JSON so the engine's own decoder reads it.
    struct Case: Decodable {
        let expected: Expected
    }

    struct File: Decodable {
        let cases: [Case]
    }

    static func cases() throws -> [(request: Data, expected: Expected)] {
        let data = try Fixture.data("engine_cases.json")
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let raw = root?["cases"] as? [[String: Any]] ?? []
        let typed = try JSONDecoder().decode(File.self, from: data).cases
        return try zip(raw, typed).map { rawCase, typedCase in
            (try JSONSerialization.data(withJSONObject: rawCase["request"] as Any), typedCase.expected)
        }
    }

    @Test func everyCaseMatches() throws {
        let cases = try Self.cases()
        #expect(cases.count == 30)
        let estimates = Tolerance(relative: 1e-9, absolute: 1e-12)
        let probabilities = Tolerance(relative: 1e-8, absolute: 1e-12)
        var log = MismatchLog()
        for (index, fixture) in cases.enumerated() {
            let output = try AnalysisEngine.analyze(json: fixture.request)
            let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            let arms = result["arms"] as? [[String: Any]] ?? []
            for (arm, expected) in zip(arms, fixture.expected.arms) {
                let ci = arm["ci"] as? [Double] ?? []
                log.check(arm["mean"] as? Double ?? .nan, expected.mean, estimates, "case \(index) \(expected.name) mean")
                log.check(ci.first ?? .nan, expected.ci[0], estimates, "case \(index) \(expected.name) ci lower")
                log.check(ci.last ?? .nan, expected.ci[1], estimates, "case \(index) \(expected.name) ci upper")
            }
            let variants = result["variants"] as? [[String: Any]] ?? []
            #expect(variants.count == fixture.expected.variants.count)
            for (variant, expected) in zip(variants, fixture.expected.variants) {
                let label = "case \(index) \(expected.name)"
                let ci = variant["ci"] as? [Double] ?? []
                let risk = variant["risk"] as? [String: Double] ?? [:]
                log.check(variant["effect"] as? Double ?? .nan, expected.effect, estimates, "\(label) effect")
                log.check(variant["se"] as? Double ?? .nan, expected.se, estimates, "\(label) se")
                log.check(ci.first ?? .nan, expected.ci[0], estimates, "\(label) ci lower")
                log.check(ci.last ?? .nan, expected.ci[1], estimates, "\(label) ci upper")
                log.check(variant["p_value"] as? Double ?? .nan, expected.p_value ?? .nan, probabilities, "\(label) p")
                log.check(variant["adjusted_p_value"] as? Double ?? .nan, expected.adjusted_p_value ?? .nan, probabilities, "\(label) Holm p")
                log.check(variant["chance_to_win"] as? Double ?? .nan, expected.chance_to_win, probabilities, "\(label) chance to win")
                log.check(risk["control"] ?? .nan, expected.risk[0], Tolerance(relative: 1e-7, absolute: 1e-13), "\(label) risk control")
                log.check(risk["variant"] ?? .nan, expected.risk[1], Tolerance(relative: 1e-7, absolute: 1e-13), "\(label) risk variant")
            }
            let srm = result["srm"] as? [String: Any]
            log.check(srm?["p_value"] as? Double ?? .nan, fixture.expected.srm_p_value, Tolerance(relative: 1e-9, absolute: 1e-300), "case \(index) srm")
            #expect((srm?["warning"] as? Bool) == (fixture.expected.srm_p_value < 0.001), "case \(index) srm warning")
        }
        #expect(log.checked > 300)
        #expect(log.lines.isEmpty, "\(log.summary)")
    }
}
