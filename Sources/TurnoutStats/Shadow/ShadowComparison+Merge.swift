extension ShadowComparison {
    /// Adds another comparison of the same shadow version (for example another gateway
    /// replica's): counts and sums add, and the windows take `other`'s values as the newer ones,
    /// keeping this comparison's `window` newest.
    public mutating func merge(_ other: ShadowComparison) {
        pairs += other.pairs
        compared += other.compared
        skipped.merge(other.skipped, uniquingKeysWith: +)
        dropped += other.dropped
        timedOut += other.timedOut
        shadowFailures += other.shadowFailures
        shapeMismatches += other.shapeMismatches
        unreadable += other.unreadable
        primaryErrors += other.primaryErrors
        shadowErrors += other.shadowErrors
        statusesCompared += other.statusesCompared
        statusMatches += other.statusMatches
        bodiesCompared += other.bodiesCompared
        bodiesEqual += other.bodiesEqual
        unlabeledPairs += other.unlabeledPairs
        labels.merge(other.labels)
        numbers.merge(other.numbers)
        primaryPredictions.append(contentsOf: other.primaryPredictions.values)
        shadowPredictions.append(contentsOf: other.shadowPredictions.values)
        primaryLatencies.append(contentsOf: other.primaryLatencies.values)
        shadowLatencies.append(contentsOf: other.shadowLatencies.values)
    }

    /// This comparison with `other` merged in.
    public func merging(_ other: ShadowComparison) -> ShadowComparison {
        var merged = self
        merged.merge(other)
        return merged
    }
}
