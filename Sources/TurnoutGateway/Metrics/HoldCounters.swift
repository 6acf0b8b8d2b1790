import Atomics
import CoreMetrics

/// How many requests of one model waited for an instance (held) and how many of those got none
/// before their hold ran out (refused), for the release controller and `/metrics`.
///
/// One pair of atomics shared by every event loop rather than counts per loop: only a held
/// request touches them, never one that finds an instance, so they cost the request path nothing,
/// and a reader gets the totals without visiting the loops.
final class HoldCounters: Sendable {
    private let heldCount = ManagedAtomic<Int>(0)
    private let refusedCount = ManagedAtomic<Int>(0)
    private let heldMetric: CoreMetrics.Counter
    private let refusedMetric: CoreMetrics.Counter

    init(model: String, factory: any MetricsFactory) {
        heldMetric = CoreMetrics.Counter(label: "turnout_requests_held_total", dimensions: [("model", model)], factory: factory)
        refusedMetric = CoreMetrics.Counter(label: "turnout_requests_refused_total", dimensions: [("model", model)], factory: factory)
    }

    /// A request started waiting for an instance.
    func recordHeld() {
        heldCount.wrappingIncrement(ordering: .relaxed)
        heldMetric.increment()
    }

    /// A held request was answered 503: its hold ran out, or the gateway stopped.
    func recordRefused() {
        refusedCount.wrappingIncrement(ordering: .relaxed)
        refusedMetric.increment()
    }

    /// The counts so far.
    var totals: HoldTotals {
        HoldTotals(held: heldCount.load(ordering: .relaxed), refused: refusedCount.load(ordering: .relaxed))
    }
}

/// The held and refused requests of one model since the gateway started.
struct HoldTotals: Sendable, Equatable {
    /// Requests that waited for an instance of their version.
    var held: Int
    /// Held requests answered 503 because no instance became ready in time.
    var refused: Int
}
