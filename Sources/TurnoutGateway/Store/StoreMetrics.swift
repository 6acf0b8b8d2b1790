import CoreMetrics

/// The metrics of the decision log: what waits, and anything that had to be dropped or shed.
struct StoreMetrics: Sendable {
    /// `turnout_store_pending`: observations waiting to be written.
    let pending: CoreMetrics.Gauge
    /// `turnout_store_dropped_total{kind="payload"}`: payload samples dropped because the queue's payload budget was full.
    let droppedPayloads: CoreMetrics.Counter
    /// `turnout_store_dropped_total{kind="decision"}`: decisions lost (queue over its hard limit, as
    /// while the store fails, or given up at shutdown).
    let droppedDecisions: CoreMetrics.Counter
    /// `turnout_store_shed_total`: inference requests refused with 503 because the queue was full.
    let shedRequests: CoreMetrics.Counter
    /// `turnout_store_write_errors_total`: failed store transactions (each is retried).
    let writeErrors: CoreMetrics.Counter
    /// `turnout_store_available`: 1 while the store takes writes, 0 from a failed write until one succeeds.
    let available: CoreMetrics.Gauge

    init(factory: any MetricsFactory) {
        pending = Gauge(label: "turnout_store_pending", factory: factory)
        droppedPayloads = Counter(label: "turnout_store_dropped_total", dimensions: [("kind", "payload")], factory: factory)
        droppedDecisions = Counter(label: "turnout_store_dropped_total", dimensions: [("kind", "decision")], factory: factory)
        shedRequests = Counter(label: "turnout_store_shed_total", factory: factory)
        writeErrors = Counter(label: "turnout_store_write_errors_total", factory: factory)
        available = Gauge(label: "turnout_store_available", factory: factory)
        available.record(1)
    }
}
