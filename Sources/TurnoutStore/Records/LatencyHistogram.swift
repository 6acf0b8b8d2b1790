import Foundation

/// A mergeable latency histogram with log-scaled buckets, eight per doubling (about 9% wide).
///
/// Bucket 0 holds latencies up to 1 µs; bucket `i > 0` holds latencies in
/// `(2^((i-1)/8), 2^(i/8)]` microseconds; the last bucket also takes everything longer.
/// Only non-empty buckets are kept, so a histogram stays small when latencies cluster.
package struct LatencyHistogram: Sendable, Equatable {
    /// Buckets per doubling of latency.
    package static let bucketsPerDoubling = 8
    /// The last bucket index: its upper bound is about 2.3 hours.
    package static let maxBucket = 8 * 33

    /// Request count per non-empty bucket index.
    package private(set) var buckets: [Int: Int64]

    /// Creates an empty histogram.
    package init() {
        buckets = [:]
    }

    /// Creates a histogram from bucket counts; empty or negative counts are dropped.
    package init(buckets: [Int: Int64]) {
        self.buckets = buckets.filter { $0.value > 0 }
    }

    /// Number of latencies recorded.
    package var totalCount: Int64 {
        buckets.values.reduce(0, +)
    }

    /// The bucket a latency of `micros` microseconds falls in.
    package static func bucket(micros: Int64) -> Int {
        guard micros > 1 else { return 0 }
        let index = Int((log2(Double(micros)) * Double(bucketsPerDoubling)).rounded(.up))
        return min(index, maxBucket)
    }

    /// The largest latency, in microseconds, that falls in bucket `index`.
    package static func upperBoundMicros(bucket index: Int) -> Double {
        exp2(Double(index) / Double(bucketsPerDoubling))
    }

    /// Records `count` requests that took `micros` microseconds.
    package mutating func record(micros: Int64, count: Int64 = 1) {
        guard count > 0 else { return }
        buckets[Self.bucket(micros: micros), default: 0] += count
    }

    /// Adds the counts of `other` into this histogram.
    package mutating func merge(_ other: LatencyHistogram) {
        buckets.merge(other.buckets, uniquingKeysWith: +)
    }

    /// The upper bound, in microseconds, of the bucket holding the `q`-quantile (0...1), or `nil`
    /// when the histogram is empty. It overstates the true quantile by at most one bucket width.
    package func quantileMicros(_ q: Double) -> Double? {
        let total = totalCount
        guard total > 0 else { return nil }
        let rank = max(1, Int64((min(max(q, 0), 1) * Double(total)).rounded(.up)))
        var seen: Int64 = 0
        for index in buckets.keys.sorted() {
            seen += buckets[index] ?? 0
            if seen >= rank { return Self.upperBoundMicros(bucket: index) }
        }
        return Self.upperBoundMicros(bucket: buckets.keys.max() ?? 0)
    }
}
