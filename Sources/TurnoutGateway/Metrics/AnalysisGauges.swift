import NIOConcurrencyHelpers
import Prometheus

/// The newest analysis of each release as metrics:
///
/// - `turnout_analysis_check{model, check, verdict}`: one series per check of the model's
///   newest analysis, labelled with its verdict (`pass`, `fail`, `inconclusive`), whose value is
///   the canary's reading (a metric check's `canary` value) or NaN for a check without one
///   (the built-in checks, a provider that did not answer); the series of an older verdict is
///   removed when the verdict changes, so `turnout_analysis_check{verdict="fail"}` selects the
///   checks failing now;
/// - `turnout_analysis_value{model, check, value}`: every number behind a verdict (`canary`,
///   `stable`, `canary_requests`, `p_value`, ...).
///
/// A check that the newest analysis of its model no longer has is removed with its values.
final class AnalysisGauges: Sendable {
    private let registry: PrometheusCollectorRegistry
    private let exported = NIOLockedValueBox<[String: [String: Exported]]>([:])

    /// One check's series as exported now.
    private struct Exported: Sendable {
        var verdict: String
        var gauge: Gauge
        var values: [String: Gauge]
    }

    // Computed: the descriptor is not Sendable, so it cannot be a stored static.
    private static var checkName: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "turnout", subsystem: "analysis", metricName: "check", unitName: "",
            helpText: "The newest analysis' checks by verdict; the value is the canary's reading, NaN when the check has none."
        )
    }
    private static var valueName: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "turnout", subsystem: "analysis", metricName: "value", unitName: "", helpText: "The numbers behind the newest analysis' verdicts."
        )
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Replaces `model`'s series with those of its newest analysis.
    func record(model: String, checks: [(name: String, verdict: String, values: [String: Double])]) {
        exported.withLockedValue { models in
            var previous = models[model] ?? [:]
            var current: [String: Exported] = [:]
            for check in checks where current[check.name] == nil {
                var series = previous.removeValue(forKey: check.name)
                if let old = series, old.verdict != check.verdict {
                    registry.unregisterGauge(old.gauge)
                    series?.verdict = check.verdict
                    series?.gauge = makeCheckGauge(model: model, check: check.name, verdict: check.verdict)
                }
                var entry = series ?? Exported(verdict: check.verdict, gauge: makeCheckGauge(model: model, check: check.name, verdict: check.verdict), values: [:])
                entry.gauge.set(check.values["canary"] ?? .nan)
                for (name, gauge) in entry.values where check.values[name] == nil {
                    registry.unregisterGauge(gauge)
                    entry.values[name] = nil
                }
                for (name, value) in check.values {
                    let gauge = entry.values[name] ?? registry.makeGauge(
                        descriptor: Self.valueName, labels: [("model", model), ("check", check.name), ("value", name)]
                    )
                    gauge.set(value)
                    entry.values[name] = gauge
                }
                current[check.name] = entry
            }
            for gone in previous.values {
                registry.unregisterGauge(gone.gauge)
                gone.values.values.forEach(registry.unregisterGauge)
            }
            models[model] = current
        }
    }

    private func makeCheckGauge(model: String, check: String, verdict: String) -> Gauge {
        registry.makeGauge(descriptor: Self.checkName, labels: [("model", model), ("check", check), ("verdict", verdict)])
    }
}
