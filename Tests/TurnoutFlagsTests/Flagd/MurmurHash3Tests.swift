import Testing
import TurnoutFlags

/// MurmurHash3 and fractional bucketing against values computed by the `mmh3` package and
/// flagd's own `fractional` operator (scripts/oracles/flags_murmur.py).
@Suite("MurmurHash3 and fractional bucketing")
struct MurmurHash3Tests {
    static let fixture = Result { try Fixture.json("murmur3_fractional.json") }

    static func entries(_ name: String) throws -> [JSONValue] {
        try #require(try fixture.get()[name]?.arrayValue)
    }

    @Test("hashes UTF-8 text like mmh3 for several seeds")
    func matchesReferenceVectors() throws {
        let vectors = try Self.entries("vectors")
        #expect(vectors.count >= 60)
        for vector in vectors {
            let text = try #require(vector["text"]?.stringValue)
            let seed = UInt32(try #require(vector["seed"]?.numberValue))
            let expected = UInt32(try #require(vector["hash"]?.numberValue))
            #expect(MurmurHash3.x86_32(text, seed: seed) == expected, "\(text.debugDescription) seed \(seed)")
        }
    }

    @Test("reaches the edges: 0 for the empty key and keys hashing close to 0 and 2^32")
    func matchesEdgeHashes() throws {
        let edges = try Self.entries("edges")
        let hashes = try edges.map { UInt32(try #require($0["hash"]?.numberValue)) }
        #expect(hashes.contains(0))
        #expect(hashes.contains { $0 > UInt32.max - (1 << 16) })
        for edge in edges {
            let text = try #require(edge["text"]?.stringValue)
            #expect(MurmurHash3.x86_32(text) == UInt32(try #require(edge["hash"]?.numberValue)), "\(text)")
        }
    }

    @Test("maps hashes to buckets as (hash × totalWeight) >> 32")
    func matchesBucketArithmetic() throws {
        for entry in try Self.entries("buckets") {
            let hash = UInt32(try #require(entry["hash"]?.numberValue))
            let total = UInt64(try #require(entry["totalWeight"]?.numberValue))
            let expected = UInt64(try #require(entry["bucket"]?.numberValue))
            #expect(FractionalOperator.bucketIndex(hash: hash, totalWeight: total) == expected, "hash \(hash) total \(total)")
            #expect(FractionalOperator.bucketIndex(hash: hash, totalWeight: total) < total)
        }
    }

    @Test("chooses the same variant as flagd's fractional operator for explicit keys")
    func matchesFlagdChoices() throws {
        let choices = try Self.entries("choices")
        #expect(choices.count >= 30)
        let data: JSONValue = ["$flagd": ["flagKey": "flag"], "targetingKey": "tk"]
        for choice in choices {
            let key = try #require(choice["key"])
            let weights = try #require(choice["weights"]?.arrayValue)
            let result = FractionalOperator.evaluate([key] + weights, data: data)
            #expect(result == choice["variant"], "key \(key) weights \(JSONValue.array(weights))")
        }
    }

    @Test("splits 10 000 targeting keys exactly as flagd does, close to the weights")
    func matchesDistribution() throws {
        let distribution = try #require(try Self.fixture.get()["distribution"])
        let weights = try #require(distribution["weights"]?.arrayValue)
        let expected = try #require(distribution["counts"]?.objectValue)
        var counts: [String: Int] = [:]
        for index in 0..<10_000 {
            let data: JSONValue = ["$flagd": ["flagKey": "rollout"], "targetingKey": .string("user-\(index)")]
            let variant = try #require(FractionalOperator.evaluate(weights, data: data).stringValue)
            counts[variant, default: 0] += 1
        }
        for (variant, count) in expected {
            #expect(counts[variant] == Int(try #require(count.numberValue)), "\(variant)")
        }
        // 25/25/50: each share within 2 percentage points (about 4.6 standard errors).
        #expect(abs(Double(counts["a"] ?? 0) / 10_000 - 0.25) < 0.02)
        #expect(abs(Double(counts["b"] ?? 0) / 10_000 - 0.25) < 0.02)
        #expect(abs(Double(counts["c"] ?? 0) / 10_000 - 0.50) < 0.02)
    }
}
