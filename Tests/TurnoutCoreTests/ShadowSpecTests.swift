import Testing
import TurnoutCore
import TurnoutStats

/// The `shadow` release: its configuration, its document form, its routing and the mirror sample.
@Suite("Shadow configuration")
struct ShadowSpecTests {
    static func problems(_ release: String) -> [String] {
        do {
            _ = try ABTestSpecTests.model(release)
            return []
        } catch {
            return (error as? ConfigError)?.issues.map(\.description) ?? ["\(error)"]
        }
    }

    @Test("defaults: everything mirrored, 4 MiB, 5 s, 8 at once, 1000 pairs before a verdict")
    func defaults() throws {
        let model = try ABTestSpecTests.model("{ strategy: shadow, primary: v1, shadows: [v2] }")
        guard let spec = model.release.as(ShadowSpec.self) else {
            Issue.record("not a shadow release: \(model.release)")
            return
        }
        #expect(spec.primary == "v1" && spec.shadows == ["v2"])
        #expect(spec.sample == 100 && spec.maxBody == 4 << 20 && spec.timeout == 5 && spec.concurrency == 8)
        #expect(spec.compare == ShadowSpec.Compare(output: nil, window: 5000, thresholds: ShadowThresholds(minPairs: 1000)))
        #expect(model.release.referencedVersions == ["v1", "v2"])
        #expect(model.release.baselineVersion == "v1" && model.release.soleVersion == "v1")
        #expect(model.release.promotionTarget(stable: "v1") == "v2")
    }

    @Test("every setting is read, and the document form parses back to the same release")
    func explicitSettings() throws {
        let model = try ABTestSpecTests.model("""
            { strategy: shadow, primary: v2, shadows: [v3, v1], sample: 12.5, max_body: 64KiB, timeout: 250ms, concurrency: 3,
              compare: { output: label, min_pairs: 50, min_agreement: 0.95, max_psi: 0.1, max_latency_p99_ratio: 1.5, max_error_rate: 0.01, window: 800 } }
            """)
        guard let spec = model.release.as(ShadowSpec.self) else {
            Issue.record("not a shadow release")
            return
        }
        #expect(spec.shadows == ["v3", "v1"] && spec.sample == 12.5 && spec.maxBody == 65_536 && spec.timeout == 0.25 && spec.concurrency == 3)
        #expect(spec.compare.output == "label" && spec.compare.window == 800)
        #expect(spec.compare.thresholds == ShadowThresholds(minPairs: 50, minAgreement: 0.95, maxPSI: 0.1, maxLatencyP99Ratio: 1.5, maxErrorRate: 0.01))
        #expect(try ReleaseSpec.parse(model.release.configJSON, for: model) == model.release)
    }

    @Test("each mistake is one line with its key path")
    func problems() {
        let lines = Self.problems("{ strategy: shadow, primary: v9, shadows: [v1, v2, v2, v8], sample: 120, timeout: 0s, concurrency: 0, extra: 1 }")
        #expect(lines.contains { $0.hasPrefix("models.m.release.primary: no such version") })
        #expect(lines.contains("models.m.release.shadows[2]: v2 is listed twice"))
        #expect(lines.contains { $0.hasPrefix("models.m.release.shadows[3]: no such version") })
        #expect(lines.contains("models.m.release.sample: expected a percentage from 0 to 100, got 120"))
        #expect(lines.contains { $0.hasPrefix("models.m.release.timeout: expected a duration above zero") })
        #expect(lines.contains { $0.hasPrefix("models.m.release.concurrency: expected a whole number above 0") })
        #expect(lines.contains { $0.hasPrefix("models.m.release.extra: unknown key") })
        #expect(Self.problems("{ strategy: shadow, primary: v1, shadows: [v1] }") == ["models.m.release.shadows[0]: v1 is the primary; a version cannot shadow itself"])
        #expect(Self.problems("{ strategy: shadow, primary: v1 }") == ["models.m.release.shadows: missing: list the versions that get mirrored requests, such as [v2]"])
        #expect(Self.problems("{ strategy: shadow, shadows: [v2] }").first?.hasPrefix("models.m.release.primary: missing") == true)
        let compare = Self.problems("{ strategy: shadow, primary: v1, shadows: [v2], compare: { min_agreement: 2, max_psi: -1, max_latency_p99_ratio: 0, max_error_rate: -0.1, min_pairs: 0, other: 1 } }")
        #expect(compare.contains("models.m.release.compare.min_agreement: expected a fraction from 0 to 1, got 2"))
        #expect(compare.contains("models.m.release.compare.max_psi: expected a number above 0 such as 0.1, got -1"))
        #expect(compare.contains("models.m.release.compare.max_latency_p99_ratio: expected a ratio above 0 such as 1.5, got 0"))
        #expect(compare.contains("models.m.release.compare.max_error_rate: expected a fraction from 0 to 1, got -0.1"))
        #expect(compare.contains { $0.hasPrefix("models.m.release.compare.min_pairs: expected a whole number above 0") })
        #expect(compare.contains { $0.hasPrefix("models.m.release.compare.other: unknown key") })
    }

    @Test("routing answers from the primary and names every shadow")
    func routing() {
        var random = SeededGenerator(seed: 1)
        let spec = ShadowSpec(primary: "v1", shadows: ["v2", "v3"])
        let decision = ReleaseSpec.shadow(spec).makePolicy(salt: "m").decide(RoutingRequest(unitKey: "u"), random: &random)
        #expect(decision == Decision(primary: "v1", shadows: ["v2", "v3"], reason: .single, probability: 1))
    }

    @Test("the mirror sample is decided by the request id: the same id decides the same, and the share is the sample")
    func sampleByRequestID() {
        var spec = ShadowSpec(primary: "v1", shadows: ["v2"], sample: 25)
        let ids = (0..<20_000).map { "request-\($0)" }
        let mirrored = ids.filter { spec.mirrors(requestID: $0) }
        // 25% of 20,000 with a binomial standard deviation of about 61.
        #expect(abs(mirrored.count - 5_000) < 300, "\(mirrored.count)")
        #expect(ids.filter { spec.mirrors(requestID: $0) } == mirrored)
        spec.sample = 0
        #expect(!ids.contains { spec.mirrors(requestID: $0) })
        spec.sample = 100
        #expect(ids.allSatisfy { spec.mirrors(requestID: $0) })
    }

    @Test("promoting a shadow: the old primary can stay as a shadow, and without shadows the release is single")
    func promoting() {
        let spec = ShadowSpec(primary: "v1", shadows: ["v2", "v3"])
        guard let kept = spec.promoting("v3", keepShadow: true).as(ShadowSpec.self) else {
            Issue.record("expected a shadow release")
            return
        }
        #expect(kept.primary == "v3" && kept.shadows == ["v1", "v2"])
        guard let dropped = spec.promoting("v2", keepShadow: false).as(ShadowSpec.self) else {
            Issue.record("expected a shadow release")
            return
        }
        #expect(dropped.primary == "v2" && dropped.shadows == ["v3"])
        #expect(ShadowSpec(primary: "v1", shadows: ["v2"]).promoting("v2", keepShadow: false) == .single(version: "v2"))
    }
}
