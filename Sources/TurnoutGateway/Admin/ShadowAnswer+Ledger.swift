import TurnoutAdminAPI
import TurnoutCore
import TurnoutStats

extension ShadowAnswer {
    /// A shadow release as `GET /api/v1/models/{model}/shadow` shows it: per shadow the counts,
    /// the comparison with the primary and the verdict against the release's thresholds.
    init(model: String, spec: ShadowSpec, ledger: ShadowLedger?) {
        let thresholds = spec.compare.thresholds
        self.init(
            model: model,
            primary: spec.primary,
            sample: spec.sample,
            thresholds: Thresholds(
                minPairs: thresholds.minPairs, minAgreement: thresholds.minAgreement, maxPSI: thresholds.maxPSI,
                maxLatencyP99Ratio: thresholds.maxLatencyP99Ratio, maxErrorRate: thresholds.maxErrorRate
            ),
            shadows: spec.shadows.map { version in
                let comparison = ledger?.comparison(model: model, primary: spec.primary, shadow: version)
                    ?? ShadowComparison(window: spec.compare.window)
                return ShadowVersionAnswer(version, summary: comparison.summary(), thresholds: thresholds)
            }
        )
    }
}

extension ShadowVersionAnswer {
    /// One shadow's summary judged against `thresholds`.
    init(_ version: String, summary: ShadowSummary, thresholds: ShadowThresholds) {
        let verdict = summary.verdict(thresholds)
        self.init(
            version: version,
            verdict: Verdict(ready: verdict.ready, reasons: verdict.reasons),
            counts: Counts(
                pairs: summary.pairs, compared: summary.compared, skipped: summary.skippedTotal, dropped: summary.dropped,
                timedOut: summary.timedOut, failed: summary.shadowFailures, primaryErrors: summary.primaryErrors,
                shadowErrors: summary.shadowErrors, shapeMismatches: summary.shapeMismatches, unreadable: summary.unreadable
            ),
            errorRate: ErrorRates(primary: summary.primaryErrorRate, shadow: summary.shadowErrorRate)
        )
        if let agreement = summary.agreement {
            classification = Classification(rows: Double(summary.labeledRows), agreement: agreement, kappa: summary.kappa)
        } else {
            classificationUnavailable = summary.agreementUnavailable
        }
        if summary.comparedNumbers > 0 {
            numeric = Numeric(
                values: Double(summary.comparedNumbers), meanAbsDiff: summary.meanAbsoluteDifference,
                maxAbsDiff: summary.maxAbsoluteDifference, meanRelDiff: summary.meanRelativeDifference
            )
        }
        if let psi = summary.populationStabilityIndex {
            drift = Drift(psi: psi, jsDistance: summary.jensenShannonDistance, ks: summary.kolmogorovSmirnov, window: summary.driftSampleSize)
        } else {
            driftUnavailable = summary.driftUnavailable
        }
        if summary.primaryLatencyP50 != nil {
            latency = Latency(
                primaryP50Ms: summary.primaryLatencyP50.map { $0 * 1_000 }, primaryP99Ms: summary.primaryLatencyP99.map { $0 * 1_000 },
                shadowP50Ms: summary.shadowLatencyP50.map { $0 * 1_000 }, shadowP99Ms: summary.shadowLatencyP99.map { $0 * 1_000 },
                p50Ratio: summary.latencyP50Ratio, p99Ratio: summary.latencyP99Ratio
            )
        }
        // Byte comparison is what a raw-protocol model gets; for the others the outputs say more.
        if summary.bodyEqualityRate != nil {
            raw = Raw(statusMatchRate: summary.statusMatchRate, bodyMatchRate: summary.bodyEqualityRate)
        }
    }
}
