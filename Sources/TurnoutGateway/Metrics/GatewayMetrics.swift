import CoreMetrics
import NIOConcurrencyHelpers
import NIOCore
import Prometheus

/// The gateway's metrics, by the names of the public contract, on swift-metrics with a Prometheus
/// registry of the gateway's own (so several gateways in one process never share counters).
final class GatewayMetrics: Sendable {
    /// Buckets of `turnout_request_duration_seconds`, from 50 µs so gateway overhead shows.
    static let durationBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    let registry: PrometheusCollectorRegistry
    /// The newest analysis of each release (`turnout_analysis_check`, `turnout_analysis_value`).
    let analysis: AnalysisGauges
    private let factory: PrometheusMetricsFactory
    private let cache = NIOLockedValueBox(Cache())

    private struct Cache {
        var requests: [RequestKey: CoreMetrics.Counter] = [:]
        var durations: [VersionKey: CoreMetrics.Timer] = [:]
        var upstreamErrors: [ReasonKey: CoreMetrics.Counter] = [:]
        var shadowRequests: [ReasonKey: CoreMetrics.Counter] = [:]
        var holds: [String: HoldCounters] = [:]
    }

    private struct RequestKey: Hashable {
        let model: String
        let version: String
        let status: Int
    }

    private struct VersionKey: Hashable {
        let model: String
        let version: String
    }

    private struct ReasonKey: Hashable {
        let model: String
        let version: String
        let reason: String
    }

    init() {
        registry = PrometheusCollectorRegistry()
        analysis = AnalysisGauges(registry: registry)
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = ["turnout_request_duration_seconds": Self.durationBuckets]
        self.factory = factory
    }

    /// `turnout_connections_refused_total{listener}`: connections closed at accept because
    /// `listener` (`data` or `admin`) had its `max_connections` open.
    func connectionsRefused(listener: String) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: "turnout_connections_refused_total", dimensions: [("listener", listener)], factory: factory)
    }

    /// The counter and timer of one (model, version, status).
    struct RequestHandles {
        let counter: CoreMetrics.Counter
        let timer: CoreMetrics.Timer
    }

    /// The metric handles for requests of `version` answered with `status`; event loops cache them.
    func requestHandles(model: String, version: String, status: Int) -> RequestHandles {
        let (counter, timer) = cache.withLockedValue { cache in
            let key = RequestKey(model: model, version: version, status: status)
            let counter = cache.requests[key] ?? {
                let made = CoreMetrics.Counter(
                    label: "turnout_requests_total",
                    dimensions: [("model", model), ("version", version), ("code", String(status))],
                    factory: factory
                )
                cache.requests[key] = made
                return made
            }()
            let versionKey = VersionKey(model: model, version: version)
            let timer = cache.durations[versionKey] ?? {
                let made = CoreMetrics.Timer(
                    label: "turnout_request_duration_seconds",
                    dimensions: [("model", model), ("version", version)],
                    factory: factory
                )
                cache.durations[versionKey] = made
                return made
            }()
            return (counter, timer)
        }
        return RequestHandles(counter: counter, timer: timer)
    }

    /// Counts one upstream failure by reason.
    func recordUpstreamError(model: String, version: String, reason: String) {
        counter(\.upstreamErrors, "turnout_upstream_errors_total", ReasonKey(model: model, version: version, reason: reason), label: "reason").increment()
    }

    /// The counter of `name` for a model, version and one more label, made once and kept, so
    /// the event loops do not ask the registry on every request.
    private func counter(
        _ table: WritableKeyPath<Cache, [ReasonKey: CoreMetrics.Counter]>, _ name: String, _ key: ReasonKey, label: String
    ) -> CoreMetrics.Counter {
        cache.withLockedValue { cache in
            if let counter = cache[keyPath: table][key] { return counter }
            let made = CoreMetrics.Counter(
                label: name, dimensions: [("model", key.model), ("version", key.version), (label, key.reason)], factory: factory
            )
            cache[keyPath: table][key] = made
            return made
        }
    }

    /// `turnout_requests_held_total{model}` and `turnout_requests_refused_total{model}`, made once
    /// per model and kept; event loops cache them.
    func holdCounters(model: String) -> HoldCounters {
        cache.withLockedValue { cache in
            if let counters = cache.holds[model] { return counters }
            let made = HoldCounters(model: model, factory: factory)
            cache.holds[model] = made
            return made
        }
    }

    /// The requests of `model` held for an instance and refused after their hold, so far; zero
    /// for a model that never held one.
    func holdTotals(model: String) -> HoldTotals {
        cache.withLockedValue { $0.holds[model]?.totals } ?? HoldTotals(held: 0, refused: 0)
    }

    /// Counts feedback items by result: `recorded`, `not_found`, `late` (after a bandit's wait),
    /// `invalid`, or `unavailable` (refused with 503 because the store failed; to be sent again).
    func recordFeedback(result: String, count: Int) {
        guard count > 0 else { return }
        CoreMetrics.Counter(label: "turnout_feedback_total", dimensions: [("result", result)], factory: factory).increment(by: count)
    }

    /// Counts release notifications by model, event and outcome: `delivered`, `failed` (refused,
    /// or every attempt failed) or `dropped` (the queue was full).
    func recordNotification(model: String, event: String, outcome: String) {
        CoreMetrics.Counter(
            label: "turnout_notifications_total", dimensions: [("model", model), ("event", event), ("outcome", outcome)], factory: factory
        ).increment()
    }

    /// Counts mirrored requests by shadow version and outcome: `answered`, `error`, `timeout`,
    /// `dropped` (the mirror queue was full) or `skipped` (a body over `max_body`).
    func recordShadow(model: String, version: String, outcome: String) {
        counter(\.shadowRequests, "turnout_shadow_requests_total", ReasonKey(model: model, version: version, reason: outcome), label: "outcome").increment()
    }

    /// The decision log's metrics, registered once per gateway.
    func makeStoreMetrics() -> StoreMetrics {
        StoreMetrics(factory: factory)
    }

    /// Counts an instance taken out of rotation after repeated connection failures.
    func instanceEjected(_ instance: UpstreamInstance) {
        CoreMetrics.Counter(label: "turnout_upstream_ejections_total", dimensions: [("instance", instance.url.description)], factory: factory)
            .increment()
    }

    /// Publishes each version's share of traffic.
    func setReleaseWeights(_ snapshot: GatewaySnapshot) {
        for model in snapshot.models.values {
            let total = model.policy.weights.reduce(0) { $0 + $1.weight }
            for version in model.config.versions {
                let weight = model.policy.weights.first { $0.version == version.name }?.weight ?? 0
                CoreMetrics.Gauge(
                    label: "turnout_release_weight",
                    dimensions: [("model", model.config.name), ("version", version.name)],
                    factory: factory
                ).record(total > 0 ? weight / total * 100 : 0)
            }
        }
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
