/// Running counts of paired top-1 labels: rows, matches, and how often each side gave each
/// label, which is all Cohen's kappa needs (``LabelAgreement/init(matches:firstCounts:secondCounts:)``).
struct LabelTally: Sendable, Equatable, Codable {
    /// More distinct labels than this (both sides together) stop the per-label counts, so a
    /// free-text or per-request label cannot grow the persisted state without bound.
    static let maximumDistinctLabels = 1000

    /// Rows compared.
    var rows = 0
    /// Rows with the same label on both sides.
    var matches = 0
    /// How often the primary gave each label.
    var primaryCounts: [String: Int] = [:]
    /// How often the shadow gave each label.
    var shadowCounts: [String: Int] = [:]
    /// The number of labels seen on either side.
    var distinctLabels = 0
    /// True once more than ``maximumDistinctLabels`` labels were seen; the counts are then dropped.
    var overflowed = false

    /// Adds paired rows (same length).
    mutating func record(primary: [String], shadow: [String]) {
        for (first, second) in zip(primary, shadow) {
            rows += 1
            if first == second { matches += 1 }
            guard !overflowed else { continue }
            if isNew(first) { distinctLabels += 1 }
            if second != first && isNew(second) { distinctLabels += 1 }
            guard distinctLabels <= Self.maximumDistinctLabels else {
                overflow()
                continue
            }
            primaryCounts[first, default: 0] += 1
            shadowCounts[second, default: 0] += 1
        }
    }

    private func isNew(_ label: String) -> Bool {
        primaryCounts[label] == nil && shadowCounts[label] == nil
    }

    private mutating func overflow() {
        overflowed = true
        primaryCounts = [:]
        shadowCounts = [:]
    }

    /// Adds another tally's counts.
    mutating func merge(_ other: LabelTally) {
        rows += other.rows
        matches += other.matches
        guard !overflowed, !other.overflowed else { return overflow() }
        primaryCounts.merge(other.primaryCounts, uniquingKeysWith: +)
        shadowCounts.merge(other.shadowCounts, uniquingKeysWith: +)
        distinctLabels = Set(primaryCounts.keys).union(shadowCounts.keys).count
        if distinctLabels > Self.maximumDistinctLabels { overflow() }
    }
}
