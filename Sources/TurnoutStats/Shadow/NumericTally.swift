/// Running sums of the differences between paired numbers of the two sides.
struct NumericTally: Sendable, Equatable, Codable {
    /// Pairs of finite numbers compared.
    var count = 0
    /// Sum of `|shadow - primary|`.
    var absoluteSum = 0.0
    /// Largest `|shadow - primary|`.
    var absoluteMaximum = 0.0
    /// Pairs with a non-zero primary value, over which relative differences are taken.
    var relativeCount = 0
    /// Sum of `|shadow - primary| / |primary|`.
    var relativeSum = 0.0
    /// Compared answers whose numbers could not be paired (different counts).
    var countMismatches = 0

    /// Adds the differences of two answers' numbers, skipping pairs with a non-finite value or
    /// difference (the state is persisted as JSON, which cannot hold infinities).
    mutating func record(primary: [Double], shadow: [Double]) {
        guard primary.count == shadow.count else {
            countMismatches += 1
            return
        }
        for (p, s) in zip(primary, shadow) {
            let difference = abs(s - p)
            guard difference.isFinite else { continue }
            count += 1
            absoluteSum += difference
            absoluteMaximum = Swift.max(absoluteMaximum, difference)
            let relative = difference / abs(p)
            if p != 0 && relative.isFinite {
                relativeCount += 1
                relativeSum += relative
            }
        }
    }

    /// Adds another tally's sums.
    mutating func merge(_ other: NumericTally) {
        count += other.count
        absoluteSum += other.absoluteSum
        absoluteMaximum = Swift.max(absoluteMaximum, other.absoluteMaximum)
        relativeCount += other.relativeCount
        relativeSum += other.relativeSum
        countMismatches += other.countMismatches
    }
}
