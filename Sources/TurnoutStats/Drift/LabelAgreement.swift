/// Agreement between two classifiers' labels on the same inputs: raw agreement and Cohen's kappa.
public struct LabelAgreement: Sendable, Hashable {
    /// Number of paired labels.
    public var count: Int
    /// Fraction of pairs with the same label.
    public var agreement: Double
    /// Agreement expected by chance from the two label distributions.
    public var expectedAgreement: Double
    /// Cohen's kappa `(p_o - p_e) / (1 - p_e)`; NaN when both sides always give the same single
    /// label (chance agreement 1), as in scikit-learn.
    public var kappa: Double

    /// Compares paired labels (for example the top-1 class of the live and the shadow model).
    ///
    /// - Throws: ``StatisticsError/invalidParameter(_:)`` when the arrays differ in length, or
    ///   ``StatisticsError/emptyArm`` when they are empty.
    public init<Label: Hashable>(_ first: [Label], _ second: [Label]) throws(StatisticsError) {
        guard first.count == second.count else {
            throw .invalidParameter("label arrays differ in length (\(first.count) and \(second.count))")
        }
        guard !first.isEmpty else { throw .emptyArm }
        var matches = 0
        var firstCounts: [Label: Int] = [:]
        var secondCounts: [Label: Int] = [:]
        for (a, b) in zip(first, second) {
            if a == b { matches += 1 }
            firstCounts[a, default: 0] += 1
            secondCounts[b, default: 0] += 1
        }
        let total = Double(first.count)
        var chance = 0.0
        for (label, count) in firstCounts {
            chance += Double(count) / total * Double(secondCounts[label] ?? 0) / total
        }
        self.count = first.count
        agreement = Double(matches) / total
        expectedAgreement = chance
        kappa = (agreement - chance) / (1 - chance)
    }
}
