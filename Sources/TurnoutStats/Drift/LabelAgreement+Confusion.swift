extension LabelAgreement {
    /// Agreement and Cohen's kappa from a confusion table, where `table[i][j]` counts the inputs
    /// the first classifier put in class `i` and the second in class `j`.
    ///
    /// - Throws: ``StatisticsError/invalidParameter(_:)`` for a table that is not square or holds
    ///   a negative count, ``StatisticsError/emptyArm`` when every count is zero.
    public init(confusion table: [[Int]]) throws(StatisticsError) {
        let size = table.count
        guard table.allSatisfy({ $0.count == size }) else {
            throw .invalidParameter("the confusion table must be square (\(size) rows)")
        }
        guard table.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw .invalidParameter("the confusion table holds a negative count")
        }
        var firstCounts: [Int: Int] = [:]
        var secondCounts: [Int: Int] = [:]
        var matches = 0
        for (i, row) in table.enumerated() {
            for (j, count) in row.enumerated() where count > 0 {
                firstCounts[i, default: 0] += count
                secondCounts[j, default: 0] += count
                if i == j { matches += count }
            }
        }
        try self.init(matches: matches, firstCounts: firstCounts, secondCounts: secondCounts)
    }

    /// Agreement and Cohen's kappa from counts alone: the number of inputs on which the two
    /// classifiers agree and how often each gave each label. This is all kappa needs, so a
    /// running comparison can keep these counts instead of every label.
    ///
    /// - Throws: ``StatisticsError/invalidParameter(_:)`` when the two sides count different
    ///   totals, a count is negative, or `matches` exceeds what the counts allow;
    ///   ``StatisticsError/emptyArm`` when the totals are zero.
    public init<Label: Hashable>(matches: Int, firstCounts: [Label: Int], secondCounts: [Label: Int]) throws(StatisticsError) {
        guard firstCounts.values.allSatisfy({ $0 >= 0 }), secondCounts.values.allSatisfy({ $0 >= 0 }), matches >= 0 else {
            throw .invalidParameter("label counts must not be negative")
        }
        let total = firstCounts.values.reduce(0, +)
        guard total == secondCounts.values.reduce(0, +) else {
            throw .invalidParameter("the two sides count different totals (\(total) and \(secondCounts.values.reduce(0, +)))")
        }
        guard total > 0 else { throw .emptyArm }
        // Each agreeing input adds one to the same label on both sides.
        let possibleMatches = firstCounts.reduce(0) { $0 + Swift.min($1.value, secondCounts[$1.key] ?? 0) }
        guard matches <= possibleMatches else {
            throw .invalidParameter("\(matches) matches, but the label counts allow at most \(possibleMatches)")
        }
        let n = Double(total)
        var chance = 0.0
        for (label, count) in firstCounts {
            chance += Double(count) / n * Double(secondCounts[label] ?? 0) / n
        }
        self.init(count: total, agreement: Double(matches) / n, expectedAgreement: chance)
    }

    /// Fills the fields from the observed and the chance agreement.
    private init(count: Int, agreement: Double, expectedAgreement: Double) {
        self.count = count
        self.agreement = agreement
        self.expectedAgreement = expectedAgreement
        kappa = (agreement - expectedAgreement) / (1 - expectedAgreement)
    }
}
