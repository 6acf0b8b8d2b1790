import TurnoutCore
import TurnoutStats

/// A shadow release as `GET /api/v1/models/{model}/shadow` shows it: per shadow the counts, the
/// comparison with the primary and the verdict against the release's thresholds.
enum ShadowJSON {
    static func object(model: String, spec: ShadowSpec, ledger: ShadowLedger?) -> [String: Any] {
        let shadows: [[String: Any]] = spec.shadows.map { version in
            let comparison = ledger?.comparison(model: model, primary: spec.primary, shadow: version)
                ?? ShadowComparison(window: spec.compare.window)
            return shadowObject(version, summary: comparison.summary(), thresholds: spec.compare.thresholds)
        }
        return [
            "model": model,
            "primary": spec.primary,
            "sample": spec.sample,
            "thresholds": thresholdsObject(spec.compare.thresholds),
            "shadows": shadows,
        ]
    }

    static func shadowObject(_ version: String, summary: ShadowSummary, thresholds: ShadowThresholds) -> [String: Any] {
        let verdict = summary.verdict(thresholds)
        var object: [String: Any] = [
            "version": version,
            "verdict": ["ready": verdict.ready, "reasons": verdict.reasons],
            "counts": [
                "pairs": summary.pairs, "compared": summary.compared, "skipped": summary.skippedTotal,
                "dropped": summary.dropped, "timed_out": summary.timedOut, "failed": summary.shadowFailures,
                "primary_errors": summary.primaryErrors, "shadow_errors": summary.shadowErrors,
                "shape_mismatches": summary.shapeMismatches, "unreadable": summary.unreadable,
            ],
            "error_rate": compact(["primary": summary.primaryErrorRate, "shadow": summary.shadowErrorRate]),
        ]
        if let agreement = summary.agreement {
            object["classification"] = compact(["rows": Double(summary.labeledRows), "agreement": agreement, "kappa": summary.kappa])
        } else if let why = summary.agreementUnavailable {
            object["classification_unavailable"] = why
        }
        if summary.comparedNumbers > 0 {
            object["numeric"] = compact([
                "values": Double(summary.comparedNumbers), "mean_abs_diff": summary.meanAbsoluteDifference,
                "max_abs_diff": summary.maxAbsoluteDifference, "mean_rel_diff": summary.meanRelativeDifference,
            ])
        }
        if let psi = summary.populationStabilityIndex {
            var drift = compact(["psi": psi, "js_distance": summary.jensenShannonDistance, "ks": summary.kolmogorovSmirnov])
            drift["window"] = summary.driftSampleSize
            object["drift"] = drift
        } else if let why = summary.driftUnavailable {
            object["drift_unavailable"] = why
        }
        if summary.primaryLatencyP50 != nil {
            object["latency"] = compact([
                "primary_p50_ms": summary.primaryLatencyP50.map { $0 * 1_000 }, "primary_p99_ms": summary.primaryLatencyP99.map { $0 * 1_000 },
                "shadow_p50_ms": summary.shadowLatencyP50.map { $0 * 1_000 }, "shadow_p99_ms": summary.shadowLatencyP99.map { $0 * 1_000 },
                "p50_ratio": summary.latencyP50Ratio, "p99_ratio": summary.latencyP99Ratio,
            ])
        }
        // Byte comparison is what a raw-protocol model gets; for the others the outputs say more.
        if summary.bodyEqualityRate != nil {
            object["raw"] = compact(["status_match_rate": summary.statusMatchRate, "body_match_rate": summary.bodyEqualityRate])
        }
        return object
    }

    static func thresholdsObject(_ thresholds: ShadowThresholds) -> [String: Any] {
        var object = compact([
            "min_agreement": thresholds.minAgreement, "max_psi": thresholds.maxPSI,
            "max_latency_p99_ratio": thresholds.maxLatencyP99Ratio, "max_error_rate": thresholds.maxErrorRate,
        ])
        object["min_pairs"] = thresholds.minPairs
        return object
    }

    /// The finite values only: JSON has no NaN, and a missing statistic is left out.
    private static func compact(_ values: [String: Double?]) -> [String: Any] {
        var object: [String: Any] = [:]
        for (key, value) in values {
            if let value, value.isFinite { object[key] = value }
        }
        return object
    }
}
