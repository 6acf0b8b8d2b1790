/// Order statistics of the `m · n` pairwise differences `b_j - a_i` of two samples, found
/// without materialising them: a binary search over the ordered doubles, each step counting
/// the differences at or below a value with one merge-like pass over the sorted samples.
///
/// Selection costs `O(64 (m + n))` after sorting, so Hodges–Lehmann estimates stay cheap for
/// the tens of thousands of latencies a canary window can hold.
struct PairwiseDifferences {
    let a: [Double]
    let b: [Double]

    /// Prepares the differences `b_j - a_i` of the two samples.
    init(minuend b: [Double], subtrahend a: [Double]) {
        self.a = a.sorted()
        self.b = b.sorted()
    }

    /// Number of differences.
    var count: Int { a.count * b.count }

    /// The `k`-th smallest difference, `1 <= k <= count`.
    func orderStatistic(_ k: Int) -> Double {
        precondition(k >= 1 && k <= count, "order statistic out of range")
        var low = Self.key(b[0] - a[a.count - 1])  // the smallest difference
        var high = Self.key(b[b.count - 1] - a[0])  // the largest
        // Smallest key whose value has at least k differences at or below it.
        while low < high {
            let middle = low + (high - low) / 2
            if countAtOrBelow(Self.value(middle)) >= k { high = middle } else { low = middle + 1 }
        }
        return Self.value(low)
    }

    /// The median of the differences (the mean of the two middle ones for an even count).
    func median() -> Double {
        let total = count
        if total % 2 == 1 { return orderStatistic(total / 2 + 1) }
        return (orderStatistic(total / 2) + orderStatistic(total / 2 + 1)) / 2
    }

    /// How many `b_j - a_i <= d`: as `a_i` grows the qualifying prefix of `b` only grows.
    func countAtOrBelow(_ d: Double) -> Int {
        var total = 0
        var j = 0
        for value in a {
            while j < b.count, b[j] - value <= d { j += 1 }
            total += j
        }
        return total
    }

    /// A key that orders doubles as integers (negatives reversed below the positives).
    static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern  // -0 and +0 share a key
        return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
    }

    /// The double with a given key.
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
