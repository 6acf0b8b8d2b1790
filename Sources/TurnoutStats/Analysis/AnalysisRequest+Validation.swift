extension AnalysisRequest {
    /// Checks every field's domain and the consistency of arms, control and weights.
    ///
    /// - Throws: ``AnalysisError`` naming the first offending field and what was expected.
    public func validate() throws(AnalysisError) {
        guard arms.count >= 2 else {
            throw AnalysisError(field: "arms", message: "expected at least two arms (control and a variant), got \(arms.count)")
        }
        var seen = Set<String>()
        for (index, arm) in arms.enumerated() {
            try validate(arm, at: "arms[\(index)]")
            guard seen.insert(arm.name).inserted else {
                throw AnalysisError(field: "arms[\(index)].name", message: "duplicate arm name \"\(arm.name)\"")
            }
        }
        guard seen.contains(control) else {
            throw AnalysisError(field: "control", message: "expected the name of one of the arms (\(arms.map(\.name).joined(separator: ", "))), got \"\(control)\"")
        }
        guard alpha > 0, alpha < 1 else { throw AnalysisError(field: "alpha", message: "expected a number in (0, 1), got \(alpha)") }
        guard tuning > 0, tuning.isFinite else { throw AnalysisError(field: "tuning", message: "expected a positive number, got \(tuning)") }
        guard srmThreshold > 0, srmThreshold < 1 else {
            throw AnalysisError(field: "srm_threshold", message: "expected a number in (0, 1), got \(srmThreshold)")
        }
        guard minSamples >= 0 else { throw AnalysisError(field: "min_samples", message: "expected a non-negative integer, got \(minSamples)") }
        if let plannedSampleSize, plannedSampleSize <= 0 {
            throw AnalysisError(field: "planned_sample_size", message: "expected a positive integer, got \(plannedSampleSize)")
        }
        if prior.proper, !(prior.variance > 0 && prior.variance.isFinite) {
            throw AnalysisError(field: "prior.variance", message: "expected a positive number for a proper prior, got \(prior.variance)")
        }
        if let weights { try validate(weights) }
    }

    private func validate(_ arm: Arm, at path: String) throws(AnalysisError) {
        let statistics = arm.statistics
        guard !arm.name.isEmpty else { throw AnalysisError(field: "\(path).name", message: "expected a non-empty string") }
        guard statistics.n >= 0 else { throw AnalysisError(field: "\(path).n", message: "expected a non-negative integer, got \(statistics.n)") }
        guard statistics.sum.isFinite else { throw AnalysisError(field: "\(path).sum", message: "expected a finite number") }
        guard statistics.sumSquares.isFinite, statistics.sumSquares >= 0 else {
            throw AnalysisError(field: "\(path).sum_squares", message: "expected a finite non-negative number, got \(statistics.sumSquares)")
        }
        if metric == .proportion {
            guard statistics.sum >= 0, statistics.sum <= Double(statistics.n) else {
                throw AnalysisError(field: "\(path).sum", message: "expected the number of successes, between 0 and n = \(statistics.n), got \(statistics.sum)")
            }
        } else if statistics.n > 0, statistics.sumSquares * Double(statistics.n) < statistics.sum * statistics.sum * (1 - 1e-12) {
            // Cauchy–Schwarz: n Σx² >= (Σx)² for any real data.
            throw AnalysisError(field: "\(path).sum_squares", message: "expected at least sum²/n = \(statistics.sum * statistics.sum / Double(statistics.n)), got \(statistics.sumSquares)")
        }
        if let assigned = arm.assigned, assigned < 0 {
            throw AnalysisError(field: "\(path).assigned", message: "expected a non-negative integer, got \(assigned)")
        }
    }

    private func validate(_ weights: [String: Double]) throws(AnalysisError) {
        let names = Set(arms.map(\.name))
        for (name, weight) in weights.sorted(by: { $0.key < $1.key }) {
            guard names.contains(name) else {
                throw AnalysisError(field: "weights.\(name)", message: "expected an arm name (\(arms.map(\.name).joined(separator: ", ")))")
            }
            guard weight >= 0, weight.isFinite else {
                throw AnalysisError(field: "weights.\(name)", message: "expected a non-negative number, got \(weight)")
            }
        }
        for arm in arms where weights[arm.name] == nil {
            throw AnalysisError(field: "weights", message: "missing a weight for arm \"\(arm.name)\"")
        }
        guard weights.values.reduce(0, +) > 0 else { throw AnalysisError(field: "weights", message: "expected at least one positive weight") }
    }
}
