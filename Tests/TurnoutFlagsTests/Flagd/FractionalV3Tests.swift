import Testing
import TurnoutFlags

/// v3 `fractional` hashing (deterministic CBOR, then MurmurHash3) against openfeature-flagd-core
/// 2.x on generated bucketing values (scripts/oracles/flags_fractional_v3.py).
@Suite("fractional v3: CBOR-encoded bucketing values")
struct FractionalV3Tests {
    static let fixture = Result { try Fixture.json("fractional_v3.json") }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    @Test("encodes every generated value byte for byte as cbor2's canonical encoding, and hashes it alike")
    func encodesLikeCBOR2() throws {
        let cases = try #require(try Self.fixture.get()["cases"]?.arrayValue)
        #expect(cases.count >= 300)
        for entry in cases {
            let value = try #require(entry["value"])
            let encoded = DeterministicCBOR.encode(value)
            #expect(Self.hex(encoded) == entry["cbor"]?.stringValue, "\(value.serialized())")
            #expect(MurmurHash3.x86_32(encoded) == UInt32(try #require(entry["hash"]?.numberValue)), "\(value.serialized())")
        }
    }

    @Test("chooses the same bucket as flagd-core 2.x for explicit bucketing values of every kind")
    func choosesLikeFlagdCore2() throws {
        let fixture = try Self.fixture.get()
        let weightSets = try #require(fixture["weightSets"]?.arrayValue)
        let data: JSONValue = ["$flagd": ["flagKey": "flag"], "targetingKey": "tk"]
        for entry in try #require(fixture["cases"]?.arrayValue) {
            let value = try #require(entry["value"])
            let expected = try #require(entry["choices"]?.arrayValue)
            for (weights, choice) in zip(weightSets, expected) {
                let buckets = try #require(weights.arrayValue)
                let result = FractionalOperator.evaluate([value] + buckets, data: data, hashing: .v3)
                #expect(result == choice, "\(value.serialized()) \(weights.serialized())")
            }
        }
    }

    @Test("splits 10 000 targeting keys as flagd-core 2.x does with [flagKey, targetingKey]")
    func matchesShorthandDistribution() throws {
        let distribution = try #require(try Self.fixture.get()["distribution"])
        let weights = try #require(distribution["weights"]?.arrayValue)
        var counts: [String: Double] = [:]
        for index in 0..<10_000 {
            let data: JSONValue = ["$flagd": ["flagKey": "rollout"], "targetingKey": .string("user-\(index)")]
            let variant = try #require(FractionalOperator.evaluate(weights, data: data, hashing: .v3).stringValue)
            counts[variant, default: 0] += 1
        }
        #expect(JSONValue.object(counts.mapValues(JSONValue.number)) == distribution["counts"])
    }

    @Test("v3 refuses null and non-string targeting keys, and hashes an empty string (v2 does not)")
    func bucketingValueRules() {
        let buckets: [JSONValue] = [["a", 1], ["b", 1]]
        let data: JSONValue = ["$flagd": ["flagKey": "f"], "targetingKey": "tk"]
        #expect(FractionalOperator.evaluate([.null] + buckets, data: data, hashing: .v3).isNull)
        #expect(FractionalOperator.evaluate(buckets, data: ["targetingKey": 5], hashing: .v3).isNull)
        #expect(!FractionalOperator.evaluate([""] + buckets, data: data, hashing: .v3).isNull)
        #expect(FractionalOperator.evaluate([""] + buckets, data: data, hashing: .v2).isNull)
        #expect(!FractionalOperator.evaluate([42] + buckets, data: data, hashing: .v3).isNull)
    }

    @Test("the preferred float forms: half, single, double; integral numbers as integers")
    func preferredSerialization() {
        #expect(DeterministicCBOR.encode(1.5) == [0xf9, 0x3e, 0x00])
        #expect(DeterministicCBOR.encode(100_000.5) == [0xfa, 0x47, 0xc3, 0x50, 0x40])
        #expect(DeterministicCBOR.encode(1.1) == [0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a])
        #expect(DeterministicCBOR.encode(-0.0) == [0x00])
        #expect(DeterministicCBOR.encode(1.0) == [0x01])
        #expect(DeterministicCBOR.encode(-25) == [0x38, 0x18])
        #expect(DeterministicCBOR.encode(["z": 1, "aa": 2]) == [0xa2, 0x61, 0x7a, 0x01, 0x62, 0x61, 0x61, 0x02])
    }
}
