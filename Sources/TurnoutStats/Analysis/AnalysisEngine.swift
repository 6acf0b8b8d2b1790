import Foundation

/// The experiment statistics engine as a pure function of sufficient statistics.
///
/// Backs the gateway's experiment results and `turnout analyze --input FILE`: the same request
/// always gives the same result.
public enum AnalysisEngine {
    /// Analyses a request: per-arm summaries, each variant against control, Holm-adjusted
    /// p-values, Bayesian chance to win and risk, the SRM check and the decision.
    ///
    /// - Throws: ``AnalysisError`` when the request fails ``AnalysisRequest/validate()``.
    public static func analyze(_ request: AnalysisRequest) throws(AnalysisError) -> AnalysisResult {
        try request.validate()
        guard let controlArm = request.arms.first(where: { $0.name == request.control }) else {
            throw AnalysisError(field: "control", message: "expected the name of one of the arms")
        }
        let variants = request.arms.filter { $0.name != request.control }
        var comparisons = variants.map { compare($0, with: controlArm.statistics, request) }
        applyHolm(to: &comparisons, alpha: request.alpha, test: request.test)
        let srm = sampleRatioMismatch(request)
        var result = AnalysisResult(
            test: request.test, effect: request.effect, alpha: request.alpha, control: request.control,
            arms: request.arms.map { summarize($0, request) }, variants: comparisons, srm: srm,
            decision: .keepRunning, winner: nil, reasons: [])
        decide(&result, request)
        return result
    }

    /// JSON in, JSON out: decodes an ``AnalysisRequest``, analyses it and encodes the
    /// ``AnalysisResult`` (pretty-printed, keys sorted).
    ///
    /// - Throws: ``AnalysisError`` naming the offending field for malformed JSON, unknown keys,
    ///   wrong types or values outside their domain.
    public static func analyze(json: Data) throws(AnalysisError) -> Data {
        let request = try decodeRequest(json)
        let result = try analyze(request)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(result)
        } catch {
            throw AnalysisError(field: "", message: "could not encode the result: \(error)")
        }
    }

    /// Decodes a request, turning decoding failures into ``AnalysisError``s with a field path.
    public static func decodeRequest(_ json: Data) throws(AnalysisError) -> AnalysisRequest {
        do {
            return try JSONDecoder().decode(AnalysisRequest.self, from: json)
        } catch let error as AnalysisError {
            throw error
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw AnalysisError(field: "", message: "expected a JSON object: \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw AnalysisError(field: JSONField.path(context.codingPath), message: context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            throw AnalysisError(field: JSONField.path(context.codingPath), message: "wrong type: \(context.debugDescription)")
        } catch {
            throw AnalysisError(field: "", message: "could not read the request: \(error)")
        }
    }

    // MARK: - Per arm and per variant

    static func summarize(_ arm: AnalysisRequest.Arm, _ request: AnalysisRequest) -> AnalysisResult.ArmSummary {
        let statistics = arm.statistics
        let variance = statistics.variance(for: request.metric)
        var interval: Interval?
        if statistics.n > 1, variance > 0 {
            let t = StudentTDistribution(degreesOfFreedom: Double(statistics.n - 1)).upperQuantile(request.alpha / 2)
            interval = Interval(center: statistics.mean, halfWidth: t * (variance / Double(statistics.n)).squareRoot())
        }
        return AnalysisResult.ArmSummary(name: arm.name, n: statistics.n, mean: statistics.mean, interval: interval)
    }

    static func compare(
        _ arm: AnalysisRequest.Arm, with control: SufficientStatistics, _ request: AnalysisRequest
    ) -> AnalysisResult.VariantComparison {
        var comparison = AnalysisResult.VariantComparison(
            name: arm.name, effect: nil, interval: nil, standardError: nil, pValue: nil,
            adjustedPValue: nil, chanceToWin: nil, risk: nil, significant: false, error: nil)
        let bayesian = BayesianEffectTest(
            alpha: request.alpha, scale: request.effect, metric: request.metric, prior: request.prior,
            priorScale: request.priorScale, lowerIsBetter: request.goal == .minimize)
        do {
            let posterior = try bayesian.evaluate(control: control, variant: arm.statistics)
            comparison.chanceToWin = posterior.chanceToWin
            comparison.risk = posterior.risk
            let frequentist: FrequentistResult
            switch request.test {
            case .bayesian:
                comparison.effect = posterior.effect
                comparison.interval = posterior.interval
                comparison.standardError = posterior.standardError
                comparison.significant = posterior.chanceToWin >= 1 - request.alpha || posterior.chanceToWin <= request.alpha
                return comparison
            case .fixed:
                frequentist = try WelchTTest(
                    alpha: request.alpha, alternative: request.alternative, scale: request.effect, metric: request.metric
                ).evaluate(control: control, variant: arm.statistics)
            case .sequential:
                frequentist = try SequentialTest(
                    alpha: request.alpha, tuning: request.tuning, alternative: request.alternative,
                    scale: request.effect, metric: request.metric
                ).evaluate(control: control, variant: arm.statistics)
            }
            comparison.effect = frequentist.effect
            comparison.interval = frequentist.interval
            comparison.standardError = frequentist.standardError
            comparison.pValue = frequentist.pValue
        } catch {
            comparison.error = error.description
        }
        return comparison
    }

    /// Holm-adjusts the p-values of the variants that have one and marks significance.
    static func applyHolm(to comparisons: inout [AnalysisResult.VariantComparison], alpha: Double, test: TestKind) {
        guard test != .bayesian else { return }
        let tested = comparisons.indices.compactMap { index in comparisons[index].pValue.map { (index, $0) } }
        let adjusted = HolmCorrection.adjust(tested.map(\.1))
        for ((index, _), value) in zip(tested, adjusted) {
            comparisons[index].adjustedPValue = value
            comparisons[index].significant = value < alpha
        }
    }

    static func sampleRatioMismatch(_ request: AnalysisRequest) -> AnalysisResult.SRMSummary? {
        guard let weights = request.weights else { return nil }
        let counts = request.arms.map { $0.assigned ?? $0.statistics.n }
        // Validation guarantees matching arrays, at least two arms and non-negative counts.
        guard let check = try? SampleRatioMismatch(counts: counts, weights: request.arms.map { weights[$0.name] ?? 0 }) else {
            return nil
        }
        return AnalysisResult.SRMSummary(
            statistic: check.statistic, pValue: check.pValue, warning: check.isMismatch(threshold: request.srmThreshold))
    }
}
