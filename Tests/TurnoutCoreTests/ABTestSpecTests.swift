import Testing
import TurnoutCore
import TurnoutStats

/// The `abtest` release: its configuration, its document form and its routing.
@Suite("A/B test configuration")
struct ABTestSpecTests {
    static func model(_ release: String) throws -> ModelConfig {
        try TurnoutConfig.parse(yaml: """
            models:
              m:
                versions: { v1: { builtin: a.json }, v2: { builtin: b.json }, v3: { builtin: c.json } }
                release: \(release)
            """).models[0]
    }

    @Test("defaults: equal weights, reward maximised, sequential and relative, alpha 0.05, tuning 5000, promote")
    func defaults() throws {
        let model = try Self.model("{ strategy: abtest, control: v1, variants: [v2, v3] }")
        guard let spec = model.release.as(ABTestSpec.self) else {
            Issue.record("not an abtest: \(model.release)")
            return
        }
        #expect(spec.arms == ["v1", "v2", "v3"])
        #expect(spec.weights.map(\.weight) == [1, 1, 1])
        #expect(spec.metric == .reward && spec.goal == .maximize)
        #expect(spec.test == .sequential && spec.effect == .relative)
        #expect(spec.alpha == 0.05 && spec.tuning == 5_000 && spec.minSamples == 1_000)
        #expect(spec.maxDuration == 14 * 86_400 && spec.interval == 30)
        #expect(spec.onConclusion == .promote)
        let latency = try Self.model("{ strategy: abtest, control: v1, variants: [v2], metric: latency }")
        if let latencySpec = latency.release.as(ABTestSpec.self) { #expect(latencySpec.goal == .minimize) }
    }

    @Test("every setting is read, and the document form parses back to the same test")
    func explicitSettings() throws {
        let model = try Self.model("""
            { strategy: abtest, control: v2, variants: [v1], weights: { v1: 30, v2: 70 }, metric: error_rate,
              goal: minimize, effect: absolute, test: fixed, alpha: 0.01, tuning: 800, min_samples: 50,
              max_duration: 2d, on_conclusion: keep_control, interval: 250ms }
            """)
        guard let spec = model.release.as(ABTestSpec.self) else {
            Issue.record("not an abtest")
            return
        }
        #expect(spec.weights == [VersionWeight(version: "v2", weight: 70), VersionWeight(version: "v1", weight: 30)])
        #expect(spec.test == .fixed && spec.effect == .absolute && spec.alpha == 0.01 && spec.minSamples == 50)
        #expect(spec.maxDuration == 172_800 && spec.interval == 0.25 && spec.onConclusion == .keepControl)
        #expect(try ReleaseSpec.parse(model.release.configJSON, for: model) == model.release)
        let request = spec.analysisRequest(
            statistics: ["v1": .proportion(successes: 3, of: 60), "v2": .proportion(successes: 1, of: 60)], units: ["v1": 60, "v2": 60], elapsed: 10
        )
        #expect(request.metric == .proportion && request.plannedSampleSize == 50 && !request.isFinalLook)
        #expect(request.arms.map(\.name) == ["v2", "v1"] && request.control == "v2")
    }

    @Test("problems are reported with their key paths")
    func problems() {
        #expect {
            try Self.model("{ strategy: abtest, control: v9, variants: [v1, v1], weights: { v1: 0 }, alpha: 0.7, metric: clicks }")
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains { $0.hasPrefix("models.m.release.control: no such version") }
        }
        #expect {
            try Self.model("{ strategy: abtest, control: v1, variants: [v1, v2, v2], weights: { v1: 0, v4: 1 }, alpha: 0.7, metric: clicks }")
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains("models.m.release.variants[0]: v1 is the control; a variant must be another version")
                && lines.contains("models.m.release.variants[2]: v2 is listed twice")
        }
        #expect {
            try Self.model("{ strategy: abtest, control: v1, variants: [v2], weights: { v1: 0, v4: 1 }, alpha: 0.7, metric: clicks }")
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains("models.m.release.weights.v1: every arm needs a weight above zero, got 0")
                && lines.contains { $0.hasPrefix("models.m.release.weights.v4: not an arm of this test") }
                && lines.contains { $0.hasPrefix("models.m.release.alpha: expected a level between 0 and 0.5") }
                && lines.contains { $0.hasPrefix("models.m.release.metric: expected one of reward, error_rate, latency") }
        }
        #expect(throws: ConfigError.self) { try Self.model("{ strategy: abtest, control: v1 }") }
    }

    @Test("routing: a sticky split while running, the recorded winner once promoted, control once aborted")
    func routing() {
        let spec = ABTestSpec(control: "v1", variants: ["v2"])
        var state = ReleaseState(model: "m", spec: .abtest(spec), stepCount: 1, step: 0, phase: .progressing, revision: 1, updatedAt: 0, previousStable: nil, reason: "")
        #expect(state.routing == .abtest(spec))
        #expect(ReleaseSpec.abtest(spec).makePolicy(salt: "m").weights.map(\.version) == ["v1", "v2"])
        state.phase = .promoted
        state.promotedVersion = "v1"
        #expect(state.routing == .single(version: "v1"))
        state.phase = .aborted
        #expect(state.routing == .single(version: "v1"))
    }
}

/// The `bandit` release's configuration.
@Suite("Bandit configuration")
struct BanditSpecTests {
    @Test("defaults, every setting, the document round trip and the problems")
    func parsing() throws {
        let model = try ABTestSpecTests.model("{ strategy: bandit, arms: [v1, v2, v3] }")
        guard let spec = model.release.as(BanditSpec.self) else {
            Issue.record("not a bandit")
            return
        }
        #expect(spec.policy == .thompson && spec.epsilon == 0.1 && spec.temperature == 0.1 && spec.minShare == 0.01)
        #expect(spec.reward == BanditSpec.Reward(type: .bernoulli, wait: 600, defaultReward: 0))
        #expect(spec.updateEvery == 1 && !spec.sticky && spec.conclude == BanditSpec.Conclusion(probabilityBest: 0.95, minSamples: 1_000, action: .promote))
        let custom = try ABTestSpecTests.model("""
            { strategy: bandit, arms: [v2, v1], policy: epsilon_greedy, epsilon: 0.2, temperature: 0.5, min_share: 0.1,
              update_every: 500ms, sticky: true, reward: { type: gaussian, wait: 1h, default: -1 },
              conclude: { prob_best: 0.99, min_samples: 50, action: none } }
            """)
        #expect(try ReleaseSpec.parse(custom.release.configJSON, for: custom) == custom.release)
        #expect {
            try ABTestSpecTests.model("{ strategy: bandit, arms: [v1, v1, v9], policy: greedy, min_share: 0.6, conclude: { prob_best: 0.4 } }")
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains("models.m.release.arms[1]: v1 is listed twice")
                && lines.contains { $0.hasPrefix("models.m.release.arms[2]: no such version") }
                && lines.contains("models.m.release.arms: a bandit needs at least two arms")
        }
        #expect {
            try ABTestSpecTests.model("{ strategy: bandit, arms: [v1, v2], policy: greedy, min_share: 0.6, conclude: { prob_best: 0.4 } }")
        } throws: { error in
            let lines = (error as? ConfigError)?.issues.map(\.description) ?? []
            return lines.contains { $0.hasPrefix("models.m.release.policy: expected one of thompson, ucb1, epsilon_greedy, softmax") }
                && lines.contains { $0.hasPrefix("models.m.release.min_share: expected a share from 0 to below 1/2") }
                && lines.contains { $0.hasPrefix("models.m.release.conclude.prob_best: expected a probability between 0.5 and 1") }
        }
        #expect {
            try ABTestSpecTests.model("{ strategy: bandit, arms: [v1, v2], reward: { default: 2 } }")
        } throws: { error in
            (error as? ConfigError)?.issues.map(\.description).contains { $0.hasPrefix("models.m.release.reward.default: a bernoulli reward is from 0 to 1, got 2.0") } == true
        }
        _ = try ABTestSpecTests.model("{ strategy: bandit, arms: [v1, v2], reward: { type: gaussian, default: 2 } }")
    }
}
