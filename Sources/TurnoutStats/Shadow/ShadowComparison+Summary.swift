extension ShadowComparison {
    /// The counts and statistics as they stand.
    public func summary() -> ShadowSummary {
        let (agreement, agreementUnavailable) = agreementStatistic()
        let (kappa, kappaUnavailable) = kappaStatistic()
        let drift = driftStatistics()
        let primaryLatency = latencyQuantiles(primaryLatencies)
        let shadowLatency = latencyQuantiles(shadowLatencies)
        return ShadowSummary(
            window: window,
            pairs: pairs, compared: compared,
            skipped: skipped, skippedTotal: skipped.values.reduce(0, +), dropped: dropped,
            timedOut: timedOut, shadowFailures: shadowFailures, shapeMismatches: shapeMismatches, unreadable: unreadable,
            primaryErrors: primaryErrors, shadowErrors: shadowErrors,
            primaryErrorRate: Self.rate(primaryErrors, pairs), shadowErrorRate: Self.rate(shadowErrors, pairs),
            statusMatchRate: Self.rate(statusMatches, statusesCompared), bodyEqualityRate: Self.rate(bodiesEqual, bodiesCompared),
            labeledRows: labels.rows, agreement: agreement, kappa: kappa,
            agreementUnavailable: agreementUnavailable, kappaUnavailable: kappaUnavailable,
            comparedNumbers: numbers.count,
            meanAbsoluteDifference: numbers.count > 0 ? numbers.absoluteSum / Double(numbers.count) : nil,
            maxAbsoluteDifference: numbers.count > 0 ? numbers.absoluteMaximum : nil,
            meanRelativeDifference: numbers.relativeCount > 0 ? numbers.relativeSum / Double(numbers.relativeCount) : nil,
            driftSampleSize: primaryPredictions.count,
            populationStabilityIndex: drift.statistics?.populationStabilityIndex,
            jensenShannonDistance: drift.statistics?.jensenShannonDistance,
            kolmogorovSmirnov: drift.statistics?.kolmogorovSmirnov,
            driftUnavailable: drift.unavailable,
            primaryLatencyP50: primaryLatency.p50, primaryLatencyP99: primaryLatency.p99,
            shadowLatencyP50: shadowLatency.p50, shadowLatencyP99: shadowLatency.p99,
            latencyP50Ratio: Self.ratio(shadowLatency.p50, primaryLatency.p50),
            latencyP99Ratio: Self.ratio(shadowLatency.p99, primaryLatency.p99))
    }

    /// The verdict of ``summary()`` against `thresholds`.
    public func verdict(_ thresholds: ShadowThresholds) -> ShadowVerdict {
        summary().verdict(thresholds)
    }

    private static func rate(_ count: Int, _ total: Int) -> Double? {
        total > 0 ? Double(count) / Double(total) : nil
    }

    private static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator
    }

    private func agreementStatistic() -> (Double?, String?) {
        if labels.rows > 0 { return (Double(labels.matches) / Double(labels.rows), nil) }
        return (nil, compared == 0 ? "no compared pairs yet" : "the outputs carry no labels")
    }

    private func kappaStatistic() -> (Double?, String?) {
        if labels.rows == 0 { return (nil, agreementStatistic().1) }
        if labels.overflowed {
            return (nil, "more than \(Self.maximumDistinctLabels) distinct labels, so the label counts were not kept")
        }
        guard let result = try? LabelAgreement(matches: labels.matches, firstCounts: labels.primaryCounts, secondCounts: labels.shadowCounts) else {
            return (nil, "the label counts are inconsistent")
        }
        // Chance agreement 1: both sides always gave one and the same label, and kappa is 0/0.
        guard result.kappa.isFinite else { return (nil, "both sides always give the same single label") }
        return (result.kappa, nil)
    }

    private func driftStatistics() -> (statistics: DistributionDrift?, unavailable: String?) {
        let count = primaryPredictions.count
        guard count >= Self.minimumDriftSample else {
            let what = compared == 0 ? "no compared pairs yet" : "\(count) paired predictions in the window"
            return (nil, "\(what), fewer than \(Self.minimumDriftSample)")
        }
        do {
            return (try DistributionDrift(reference: primaryPredictions.values, candidate: shadowPredictions.values, bins: 10), nil)
        } catch {
            return (nil, error.description)
        }
    }

    private func latencyQuantiles(_ latencies: SlidingWindow) -> (p50: Double?, p99: Double?) {
        let sorted = latencies.values.sorted()
        return (SampleQuantile.linear(sorted: sorted, 0.5), SampleQuantile.linear(sorted: sorted, 0.99))
    }
}
