import Foundation
import Testing
import TurnoutStore

@Suite("LatencyHistogram")
struct LatencyHistogramTests {
    @Test("each latency falls in a bucket whose bounds contain it", arguments: [Int64(2), 3, 7, 8, 9, 100, 999, 1_000, 1_024, 65_537, 3_000_000])
    func bucketContainsValue(micros: Int64) {
        let bucket = LatencyHistogram.bucket(micros: micros)
        #expect(Double(micros) <= LatencyHistogram.upperBoundMicros(bucket: bucket) * (1 + 1e-12))
        #expect(Double(micros) > LatencyHistogram.upperBoundMicros(bucket: bucket - 1) * (1 - 1e-12))
    }

    @Test("powers of two sit exactly on a bucket's upper bound")
    func powersOfTwo() {
        #expect(LatencyHistogram.bucket(micros: 1) == 0)
        #expect(LatencyHistogram.bucket(micros: 2) == 8)
        #expect(LatencyHistogram.bucket(micros: 1_024) == 80)
        #expect(LatencyHistogram.bucket(micros: 0) == 0)
        #expect(LatencyHistogram.bucket(micros: .max) == LatencyHistogram.maxBucket)
    }

    @Test("quantiles bound the true quantile from above within one bucket")
    func quantiles() throws {
        var histogram = LatencyHistogram()
        let latencies = (1...1_000).map { Int64($0 * 10) } // 10 µs ... 10 ms
        for latency in latencies { histogram.record(micros: latency) }
        for (q, exact) in [(0.5, 5_000.0), (0.99, 9_900.0), (1.0, 10_000.0)] {
            let estimate = try #require(histogram.quantileMicros(q))
            #expect(estimate >= exact)
            #expect(estimate <= exact * exp2(1.0 / 8) * (1 + 1e-12))
        }
        #expect(LatencyHistogram().quantileMicros(0.5) == nil)
    }

    @Test("merging adds bucket counts, and the JSON form reads back equal")
    func mergeAndEncode() throws {
        var a = LatencyHistogram()
        a.record(micros: 100, count: 3)
        var b = LatencyHistogram()
        b.record(micros: 100)
        b.record(micros: 5_000, count: 2)
        a.merge(b)
        #expect(a.totalCount == 6)
        #expect(a.buckets[LatencyHistogram.bucket(micros: 100)] == 4)
        #expect(try LatencyHistogram(jsonText: a.jsonText) == a)
        #expect(LatencyHistogram().jsonText == "{}")
        #expect(throws: LatencyHistogram.DecodingError.self) { try LatencyHistogram(jsonText: "[1,2]") }
    }

    @Test("the JSON form is JSONEncoder's with sorted keys, and reads back as Foundation reads it")
    func encodingMatchesFoundation() throws {
        var histogram = LatencyHistogram()
        for (index, micros) in [Int64(1), 2, 3, 9, 100, 1_000, 65_537, 3_000_000, .max].enumerated() {
            histogram.record(micros: micros, count: Int64(index + 1) * 1_000_000_007)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let byKey = Dictionary(uniqueKeysWithValues: histogram.buckets.map { (String($0.key), $0.value) })
        #expect(histogram.jsonText == String(decoding: try encoder.encode(byKey), as: UTF8.self))
        #expect(try LatencyHistogram(jsonText: histogram.jsonText) == histogram)
        // PostgreSQL's jsonb text puts spaces after ':' and ','; other valid JSON is read too.
        #expect(try LatencyHistogram(jsonText: #" { "8": 3, "80" : -1 ,"264":2 } "#) == LatencyHistogram(buckets: [8: 3, 264: 2]))
        #expect(try LatencyHistogram(jsonText: #"{"\u0038": 4}"#) == LatencyHistogram(buckets: [8: 4]))
        #expect(try LatencyHistogram(jsonText: " {} ") == LatencyHistogram())
        for bad in [#"{"8": 01}"#, #"{"8": 1.5}"#, #"{"x": 1}"#, #"{"999": 1}"#, #"{"8": 1"#, #"{"8": 1} x"#, #"{"8": 99999999999999999999}"#] {
            #expect(throws: LatencyHistogram.DecodingError.self, "\(bad)") { try LatencyHistogram(jsonText: bad) }
        }
    }

    @Test("the unit key hash is FNV-1a 64")
    func unitKeyHash() {
        // Published FNV-1a 64-bit test vectors (Fowler/Noll/Vo): "" and "a".
        #expect(UInt64(bitPattern: UnitKeyHash.hash("")) == 0xcbf2_9ce4_8422_2325)
        #expect(UInt64(bitPattern: UnitKeyHash.hash("a")) == 0xaf63_dc4c_8601_ec8c)
        #expect(UInt64(bitPattern: UnitKeyHash.hash("foobar")) == 0x85944171f73967e8)
    }
}
