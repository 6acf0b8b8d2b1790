import Testing
import TurnoutCore
import TurnoutStats

/// Numbers that crashed the gateway (issue 19): each is refused where it is parsed, with its key
/// path, and nothing built from a parsed or stored release can trap.
@Suite("Numeric bounds")
struct NumericBoundsTests {
    static let model = ModelConfig(
        name: "m",
        versions: [VersionConfig(name: "v1", backend: .builtin(path: "a.json")), VersionConfig(name: "v2", backend: .builtin(path: "b.json"))],
        release: .single(version: "v1")
    )

    private func problems(_ document: String) -> [String] {
        do {
            _ = try ReleaseSpec.parse(document, for: Self.model)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    private func configProblems(_ yaml: String) -> [String] {
        do {
            _ = try TurnoutConfig.parse(yaml: yaml)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test("split weights of 1e308 are refused with their key path (they trapped in SplitPolicy.init)")
    func hugeWeights() {
        let lines = problems(#"{"strategy":"split","weights":{"v1":1e308,"v2":1e308}}"#)
        #expect(lines.contains("models.m.release.weights.v1: expected a weight from 0 to 1000000 (weights are relative), got 1e+308"))
        #expect(lines.contains { $0.hasPrefix("models.m.release.weights.v2: expected a weight from 0 to 1000000") })
        #expect(problems(#"{"strategy":"split","weights":{"v1":1000000,"v2":0.5}}"#).isEmpty)
        let abtest = problems(#"{"strategy":"abtest","control":"v1","variants":["v2"],"weights":{"v1":1e308,"v2":1}}"#)
        #expect(abtest.contains { $0.hasPrefix("models.m.release.weights.v1: expected a weight from 0 to 1000000") })
    }

    @Test(
        "durations too long for any clock are refused in release documents (they trapped in ConfigUnits and ReleaseJSONText)",
        arguments: [#""1e308s""#, "1e16", "9223372036854775807", #""9999999d""#, #""1e20ms""#, "1e308", #""366d""#]
    )
    func hugePause(_ pause: String) {
        let document = #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":\#(pause)},{"weight":100}]}"#
        let lines = problems(document)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("models.m.release.steps[0].pause: expected a duration of at most 365d, got ") == true, "\(lines)")
    }

    @Test("a pause of 365 days is the longest accepted and renders back to the same release")
    func longestPause() throws {
        let spec = try ReleaseSpec.parse(
            #"{"strategy":"canary","stable":"v1","canary":"v2","steps":[{"weight":10,"pause":"365d"},{"weight":100}]}"#, for: Self.model
        )
        #expect(try ReleaseSpec.parse(spec.configJSON, for: Self.model) == spec)
    }

    @Test("negative, NaN and infinite durations and sizes never parse")
    func units() {
        for text in ["-1s", "nans", "infs", "-infms", "1e400s", "nan", ""] {
            #expect(ConfigUnits.duration(text) == nil, "\(text)")
        }
        #expect(ConfigUnits.duration(.int(Int.max)) == nil)
        #expect(ConfigUnits.duration(.int(Int.min)) == nil)
        #expect(ConfigUnits.duration(.double(.infinity)) == nil)
        #expect(ConfigUnits.duration(.double(.nan)) == nil)
        #expect(ConfigUnits.duration(.double(-0.0)) == .zero)
        #expect(ConfigUnits.duration("365d") == .seconds(365 * 86_400))
        #expect(ConfigUnits.byteSize(.int(Int.max)) == nil)
        #expect(ConfigUnits.byteSize("9999999999TiB") == nil)
        #expect(ConfigUnits.byteSize("1e308KiB") == nil)
        #expect(ConfigUnits.byteSize("-1KiB") == nil)
        #expect(ConfigUnits.byteSize("1TiB") == ConfigBounds.maxByteSize)
    }

    @Test("shutdown_grace: 1e16 is refused by validation (turnout validate and reloads crashed on it)")
    func hugeShutdownGrace() {
        let lines = configProblems("shutdown_grace: 1e16\nmodels: { m: { versions: { v1: { builtin: a.json } } } }")
        #expect(lines == ["shutdown_grace: expected a duration of at most 365d, got 1e+16"])
        let sizes = configProblems("max_body: 9223372036854775807\nmodels: { m: { versions: { v1: { builtin: a.json } } } }")
        #expect(sizes == ["max_body: expected a size of at most 1TiB, got 9223372036854775807"])
    }

    @Test("weights of 1e308 in a configuration file are refused by validation (they crashed every start)")
    func hugeWeightsInConfig() {
        let lines = configProblems("""
            models:
              m:
                versions: { v1: { builtin: a.json }, v2: { builtin: b.json } }
                release: { strategy: split, weights: { v1: 1e308, v2: 1e308 } }
            """)
        #expect(lines.contains { $0.hasPrefix("models.m.release.weights.v1: expected a weight from 0 to 1000000") })
    }

    @Test("counts above Int32 are refused, so sums and products of them cannot overflow")
    func hugeCounts() {
        let lines = problems(#"{"strategy":"abtest","control":"v1","variants":["v2"],"min_samples":9223372036854775807}"#)
        #expect(lines == ["models.m.release.min_samples: expected a whole number of at most 2147483647, got 9223372036854775807"])
    }

    @Test("a split policy never traps, whatever weights it is given at run time")
    func splitPolicyNeverTraps() {
        let cases: [[Double]] = [[1e308, 1e308], [.nan, 1], [.infinity, 1], [-1, 0], [0, 0], [.greatestFiniteMagnitude, .leastNonzeroMagnitude]]
        var random = SeededGenerator(seed: 19)
        for weights in cases {
            let policy = SplitPolicy(weights: zip(["v1", "v2"], weights).map { VersionWeight(version: $0, weight: $1) }, salt: "s")
            for key in ["a", "b", nil] {
                let decision = policy.decide(RoutingRequest(unitKey: key), random: &random)
                #expect(["v1", "v2"].contains(decision.primary))
                #expect((0...1).contains(decision.probability))
            }
        }
        // Huge but equal weights still split evenly.
        let even = SplitPolicy(weights: [VersionWeight(version: "v1", weight: 1e308), VersionWeight(version: "v2", weight: 1e308)], salt: "s")
        #expect(even.decide(RoutingRequest(unitKey: nil), random: &random).probability == 0.5)
    }

    @Test("a release that no configuration could hold renders without trapping, and validation reports it")
    func storedNonsense() {
        let canary = CanarySpec(stable: "v1", canary: "v2", steps: [CanaryStep(weight: 10, pause: 1e300), CanaryStep(weight: 100)], rollbackWindow: .nan)
        let issues = ReleaseSpec.canary(canary).validationIssues(for: Self.model).map(\.description)
        #expect(issues.contains { $0.hasPrefix("models.m.release.steps[0].pause: expected a duration of at most 365d") })
        #expect(issues.contains { $0.hasPrefix("models.m.release.rollback_window:") })
        let split = ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 1e308), VersionWeight(version: "v2", weight: -.infinity)])
        #expect(!split.validationIssues(for: Self.model).isEmpty)
        #expect(ReleaseSpec.split(weights: [VersionWeight(version: "v1", weight: 1)]).validationIssues(for: Self.model).isEmpty)
    }

    @Test("a stored state with an impossible step or time is reported")
    func storedState() {
        let spec = ReleaseSpec.single(version: "v1")
        var state = ReleaseLifecycle.start(model: "m", spec: spec, previousStable: nil, actor: "test", now: 1_000).state
        #expect(state.validationIssues(for: Self.model).isEmpty)
        state.step = Int.max
        state.updatedAt = .infinity
        let issues = state.validationIssues(for: Self.model).map(\.path)
        #expect(issues == ["step", "updated_at"])
    }
}
