import Foundation

extension ShadowSummary {
    /// Checks the summary against `thresholds`: not ready with one reason per criterion that
    /// failed or is unavailable, such as `"agreement 0.912 below min_agreement 0.95"` or
    /// `"agreement unavailable: the outputs carry no labels"`.
    public func verdict(_ thresholds: ShadowThresholds) -> ShadowVerdict {
        var reasons: [String] = []
        if pairs < thresholds.minPairs {
            reasons.append("\(pairs) pairs, fewer than min_pairs \(thresholds.minPairs)")
        }
        if let minimum = thresholds.minAgreement {
            reasons += Self.check("agreement", agreement, unavailable: agreementUnavailable, "below", "min_agreement", minimum) { $0 < $1 }
        }
        if let maximum = thresholds.maxPSI {
            reasons += Self.check("psi", populationStabilityIndex, unavailable: driftUnavailable, "above", "max_psi", maximum) { $0 > $1 }
        }
        if let maximum = thresholds.maxLatencyP99Ratio {
            reasons += Self.check("latency p99 ratio", latencyP99Ratio, unavailable: latencyUnavailable, "above", "max_latency_p99_ratio", maximum) { $0 > $1 }
        }
        if let maximum = thresholds.maxErrorRate {
            reasons += Self.check("shadow error rate", shadowErrorRate, unavailable: "no pairs yet", "above", "max_error_rate", maximum) { $0 > $1 }
        }
        return ShadowVerdict(reasons: reasons)
    }

    /// Why the p99 latency ratio is nil.
    private var latencyUnavailable: String {
        if shadowLatencyP99 == nil { return "no shadow latencies yet" }
        if primaryLatencyP99 == nil { return "no primary latencies yet" }
        return "the primary's p99 latency is zero"
    }

    /// No reason when `value` passes; else "name value relation key limit", or "name unavailable: why".
    private static func check(
        _ name: String, _ value: Double?, unavailable: String?, _ relation: String, _ key: String, _ limit: Double,
        fails: (Double, Double) -> Bool
    ) -> [String] {
        guard let value else { return ["\(name) unavailable: \(unavailable ?? "not computed")"] }
        guard fails(value, limit) else { return [] }
        return ["\(name) \(format(value, failing: limit, fails)) \(relation) \(key) \(limitText(limit))"]
    }

    /// A limit as configured: `%g` when that reads back exactly, else the shortest exact form.
    private static func limitText(_ limit: Double) -> String {
        let text = String(format: "%g", limit)
        return Double(text) == limit ? text : "\(limit)"
    }

    /// Three significant digits, or as many more as it takes for the printed value to fail the
    /// limit too (0.9999 against 0.99995 reads "0.9999", not "1").
    private static func format(_ value: Double, failing limit: Double, _ fails: (Double, Double) -> Bool) -> String {
        for digits in 3...16 {
            let text = String(format: "%.\(digits)g", value)
            if let printed = Double(text), fails(printed, limit) { return text }
        }
        return String(value)
    }
}
