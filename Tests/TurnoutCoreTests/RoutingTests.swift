import TurnoutStats
import Testing
import TurnoutCore

@Suite("Routing")
struct RoutingTests {
    static let keyCount = 100_000

    static func shares(of policy: SplitPolicy, keys: Int = keyCount) -> [String: Double] {
        var random = SeededGenerator(seed: 1)
        var counts: [String: Int] = [:]
        for index in 0..<keys {
            counts[policy.decide(RoutingRequest(unitKey: "user-\(index)"), random: &random).primary, default: 0] += 1
        }
        return counts.mapValues { Double($0) / Double(keys) }
    }

    static func weights(_ pairs: KeyValuePairs<String, Double>) -> [VersionWeight] {
        pairs.map { VersionWeight(version: $0.key, weight: $0.value) }
    }

    @Test("sticky shares land within one percentage point of the weights", arguments: [
        [("v1", 90.0), ("v2", 10.0)],
        [("v1", 50.0), ("v2", 50.0)],
        [("a", 20.0), ("b", 30.0), ("c", 50.0)],
    ])
    func sharesMatchWeights(_ pairs: [(String, Double)]) {
        let policy = SplitPolicy(weights: pairs.map { VersionWeight(version: $0.0, weight: $0.1) }, salt: "model")
        let observed = Self.shares(of: policy)
        let total = pairs.reduce(0) { $0 + $1.1 }
        for (version, weight) in pairs {
            let share = observed[version] ?? 0
            #expect(abs(share - weight / total) < 0.01, "\(version): \(share)")
        }
    }

    @Test("a unit gets the same version every time, and the decision says why and how likely")
    func stickiness() {
        let policy = SplitPolicy(weights: Self.weights(["v1": 90, "v2": 10]), salt: "model")
        var random = SeededGenerator(seed: 7)
        for index in 0..<1_000 {
            let request = RoutingRequest(unitKey: "u\(index)")
            let first = policy.decide(request, random: &random)
            for _ in 0..<5 {
                #expect(policy.decide(request, random: &random) == first)
            }
            #expect(first.reason == .sticky)
            #expect(first.probability == (first.primary == "v1" ? 0.9 : 0.1))
        }
    }

    @Test("different salts assign the same user independently")
    func saltsAreIndependent() {
        let weights = Self.weights(["v1": 50, "v2": 50])
        let first = SplitPolicy(weights: weights, salt: "model-a")
        let second = SplitPolicy(weights: weights, salt: "model-b")
        var random = SeededGenerator(seed: 3)
        var same = 0
        for index in 0..<10_000 {
            let request = RoutingRequest(unitKey: "user-\(index)")
            if first.decide(request, random: &random).primary == second.decide(request, random: &random).primary { same += 1 }
        }
        #expect(abs(Double(same) / 10_000 - 0.5) < 0.03)
    }

    @Test("a ramp 95/5 → 75/25 → 50/50 never moves a unit off the growing version")
    func monotoneRamp() {
        let steps: [[VersionWeight]] = [
            Self.weights(["stable": 95, "canary": 5]),
            Self.weights(["stable": 75, "canary": 25]),
            Self.weights(["stable": 50, "canary": 50]),
        ]
        var random = SeededGenerator(seed: 11)
        var onCanary = Set<Int>()
        for (stepIndex, weights) in steps.enumerated() {
            let policy = SplitPolicy(weights: weights, salt: "ramp")
            var now = Set<Int>()
            for index in 0..<Self.keyCount
            where policy.decide(RoutingRequest(unitKey: "user-\(index)"), random: &random).primary == "canary" {
                now.insert(index)
            }
            #expect(onCanary.isSubset(of: now), "step \(stepIndex): \(onCanary.subtracting(now).count) units left the canary")
            onCanary = now
        }
        #expect(abs(Double(onCanary.count) / Double(Self.keyCount) - 0.5) < 0.01)
    }

    @Test("requests without a unit key are spread at random by weight")
    func randomSpread() {
        let policy = SplitPolicy(weights: Self.weights(["v1": 70, "v2": 30]), salt: "model")
        var random = SeededGenerator(seed: 5)
        var v2 = 0
        for _ in 0..<Self.keyCount {
            let decision = policy.decide(RoutingRequest(), random: &random)
            #expect(decision.reason == .random)
            if decision.primary == "v2" { v2 += 1 }
        }
        #expect(abs(Double(v2) / Double(Self.keyCount) - 0.3) < 0.01)
    }

    @Test("a zero weight gets no traffic")
    func zeroWeight() {
        let shares = Self.shares(of: SplitPolicy(weights: Self.weights(["v1": 100, "v2": 0]), salt: "m"), keys: 10_000)
        #expect(shares["v2"] == nil)
    }

    @Test("single sends everything to its version")
    func single() {
        var random = SeededGenerator(seed: 1)
        let decision = SinglePolicy(version: "v1").decide(RoutingRequest(unitKey: "x"), random: &random)
        #expect(decision == Decision(primary: "v1", reason: .single, probability: 1))
    }

    @Test("sticky buckets stay in range and are stable across calls")
    func bucketRange() {
        for index in 0..<10_000 {
            let bucket = StickyBucket.bucket(salt: "s", key: "k\(index)")
            #expect((0..<StickyBucket.count).contains(bucket))
            #expect(bucket == StickyBucket.bucket(salt: "s", key: "k\(index)"))
        }
    }
}
