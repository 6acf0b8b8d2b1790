import Foundation
import Testing
@testable import TurnoutCore

/// The registry is the one list of strategies: every name the configuration accepts is either
/// registered or refused as not implemented, and every registered strategy reads back its own
/// document form.
@Suite("Strategy registry")
struct StrategyRegistryTests {
    static let model = ModelConfig(
        name: "m",
        versions: ["v1", "v2", "v3"].map { VersionConfig(name: $0, backend: .builtin(path: "\($0).json")) },
        release: .single(version: "v1")
    )

    /// One release per registered strategy. A strategy added to the registry without an entry
    /// here fails ``everyStrategyHasAnExample()``.
    static let examples: [ReleaseStrategyName: ReleaseSpec] = [
        .single: .single(version: "v2"),
        .split: .split(weights: [VersionWeight(version: "v1", weight: 70), VersionWeight(version: "v3", weight: 30)]),
        .flag: .flag(key: "model-version", fallback: "v2"),
        .abtest: .abtest(ABTestSpec(control: "v1", variants: ["v2", "v3"], metric: .errorRate, minSamples: 200, interval: 5)),
        .bandit: .bandit(BanditSpec(arms: ["v1", "v2"], policy: .ucb1, minShare: 0.05, updateEvery: 2, sticky: true)),
        .shadow: .shadow(ShadowSpec(primary: "v1", shadows: ["v2", "v3"], sample: 25)),
        .canary: .canary(CanarySpec(stable: "v1", canary: "v2", steps: [CanaryStep(weight: 10), CanaryStep(weight: 50, pause: 60)])),
        .bluegreen: .bluegreen(BlueGreenSpec(active: "v2", preview: "v3")),
        .rolling: .rolling(RollingSpec(
            from: "v1", to: "v2", maxSurge: .count(1), maxUnavailable: .percent(0), minReady: 5, progressDeadline: 300,
            analysis: CanaryAnalysisSpec(interval: 15, failureLimit: 1)
        )),
        .recreate: .recreate(RecreateSpec(from: "v2", to: "v3", hold: 2.5, progressDeadline: 120)),
    ]

    @Test("the registry lists each implemented strategy once, in the order messages name them")
    func registryMatchesSupported() {
        let names = StrategyRegistry.all.map { $0.name }
        #expect(Set(names).count == names.count)
        #expect(names == [.single, .split, .flag, .abtest, .bandit, .shadow, .canary, .bluegreen, .rolling, .recreate])
        #expect(ReleaseStrategyName.supported == names)
    }

    @Test("every registered strategy has an example release here")
    func everyStrategyHasAnExample() {
        #expect(Set(Self.examples.keys) == Set(StrategyRegistry.all.map { $0.name }))
        for (name, spec) in Self.examples {
            #expect(spec.strategyName == name.rawValue)
        }
    }

    @Test("every registered strategy round-trips through its document form and the parser", arguments: StrategyRegistry.all.map { $0.name.rawValue })
    func roundTrip(name: String) throws {
        let strategy = try #require(ReleaseStrategyName(rawValue: name))
        let spec = try #require(Self.examples[strategy])
        let parsed = try ReleaseSpec.parse(spec.configJSON, for: Self.model)
        #expect(parsed == spec, "\(spec.configJSON)")
        #expect(parsed.strategyName == name)
    }

    @Test("every strategy name the configuration knows is registered")
    func everyNameIsRegistered() {
        #expect(ReleaseStrategyName.allCases.filter { StrategyRegistry.strategy(named: $0) == nil } == [])
    }

    @Test("every registered strategy round-trips through its stored form, strategy name beside its keys", arguments: StrategyRegistry.all.map { $0.name.rawValue })
    func storedRoundTrip(name: String) throws {
        let strategy = try #require(ReleaseStrategyName(rawValue: name))
        let spec = try #require(Self.examples[strategy])
        let data = try JSONEncoder().encode(spec)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["strategy"] as? String == name)
        #expect(try JSONDecoder().decode(ReleaseSpec.self, from: data) == spec)
    }

    @Test("the stored forms written before the strategy protocol still decode")
    func storedFormsOfBefore() throws {
        let stored = [
            #"{"strategy":"single","version":"v2"}"#: ReleaseSpec.single(version: "v2"),
            #"{"strategy":"split","weights":[{"version":"v1","weight":70},{"version":"v3","weight":30}]}"#:
                .split(weights: [VersionWeight(version: "v1", weight: 70), VersionWeight(version: "v3", weight: 30)]),
            #"{"strategy":"flag","key":"model-version","fallback":"v2"}"#: .flag(key: "model-version", fallback: "v2"),
        ]
        for (json, spec) in stored {
            #expect(try JSONDecoder().decode(ReleaseSpec.self, from: Data(json.utf8)) == spec, "\(json)")
        }
    }

    @Test("a stored release of an unknown strategy is refused, naming the known ones")
    func unknownStoredStrategy() {
        #expect {
            try JSONDecoder().decode(ReleaseSpec.self, from: Data(#"{"strategy":"surge","steps":[]}"#.utf8))
        } throws: { error in
            "\(error)".contains("unknown release strategy surge (known: single, split, flag, abtest, bandit, shadow, canary, bluegreen, rolling, recreate)")
        }
    }

    @Test("releases are equal only with the same strategy and settings")
    func equality() {
        let examples = Array(Self.examples.values)
        for (index, spec) in examples.enumerated() {
            for (otherIndex, other) in examples.enumerated() {
                #expect((spec == other) == (index == otherIndex), "\(spec.configJSON) vs \(other.configJSON)")
            }
        }
        #expect(ReleaseSpec.single(version: "v1") != .single(version: "v2"))
        // Same versions and shape, different strategy.
        #expect(ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 1)]) != .single(version: "v1"))
    }
}
