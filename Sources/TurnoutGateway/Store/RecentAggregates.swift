import Foundation
import NIOConcurrencyHelpers
import TurnoutStore

/// The last few minutes of this gateway's observations in short intervals, so the dashboard's
/// charts have detail before the store's first minute is over.
///
/// Fed by ``StoreWriter`` with what it committed, so these intervals count exactly the requests
/// the store's do; it only knows this replica's requests and only since it started.
final class RecentAggregates: Sendable {
    /// The length of one interval, in seconds.
    let intervalSeconds: Int
    /// How many seconds are kept.
    let keptSeconds: Int
    private let state = NIOLockedValueBox(State())

    private struct Key: Hashable {
        var model: String
        var version: String
        var start: Int
    }

    private struct State {
        var intervals: [Key: AggregateCounts] = [:]
        /// The first interval an observation fell in; `nil` before the first.
        var firstStart: Int?
    }

    /// Keeps `keptSeconds` of `intervalSeconds`-long intervals.
    init(intervalSeconds: Int = 5, keptSeconds: Int = 600) {
        self.intervalSeconds = max(1, intervalSeconds)
        self.keptSeconds = max(self.intervalSeconds, keptSeconds)
    }

    /// Adds committed observations, and forgets intervals older than the kept span.
    func record(_ observations: [Observation], now: Date = Date()) {
        let oldest = start(of: now.timeIntervalSince1970 - Double(keptSeconds))
        state.withLockedValue { state in
            for observation in observations {
                let start = start(of: observation.decision.time.timeIntervalSince1970)
                guard start >= oldest else { continue }
                let key = Key(model: observation.decision.model, version: observation.decision.version, start: start)
                state.intervals[key, default: AggregateCounts()].record(observation.outcome)
                state.firstStart = min(state.firstStart ?? start, start)
            }
            state.intervals = state.intervals.filter { $0.key.start >= oldest }
        }
    }

    /// The intervals of `model` from `since` onwards, and the time they are complete from: the
    /// start of the first interval this gateway saw whole, or `nil` when it has none.
    func intervals(model: String, since: Date) -> (from: Date, intervals: [IntervalAggregate])? {
        state.withLockedValue { state in
            guard let first = state.firstStart else { return nil }
            // The interval holding the first observation may have begun before this gateway did.
            let from = max(first + intervalSeconds, start(of: since.timeIntervalSince1970))
            let rows = state.intervals.filter { $0.key.model == model && $0.key.start >= from }.map { key, counts in
                IntervalAggregate(model: model, version: key.version, intervalStart: Date(timeIntervalSince1970: Double(key.start)), counts: counts)
            }
            return (Date(timeIntervalSince1970: Double(from)), rows)
        }
    }

    private func start(of time: Double) -> Int {
        Int((time / Double(intervalSeconds)).rounded(.down)) * intervalSeconds
    }
}
