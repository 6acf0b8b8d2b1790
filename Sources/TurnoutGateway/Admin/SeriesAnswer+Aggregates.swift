import Foundation
import TurnoutAdminAPI
import TurnoutStore

extension SeriesAnswer {
    /// The store's interval length when too few intervals are stored to measure it: the SQLite
    /// store's default of one minute.
    static let defaultIntervalSeconds = 60

    /// The series of `model` from its stored per-interval aggregates, oldest first.
    ///
    /// The interval length is read off the data (the smallest gap between two intervals), so the
    /// answer stays right for a store configured with other intervals; the running interval's
    /// `seconds` is what has passed of it at `now`.
    init(model: String, versions: [String], intervals: [IntervalAggregate], now: Date) {
        let starts = Array(Set(intervals.map(\.intervalStart.timeIntervalSince1970))).sorted()
        let gaps = zip(starts, starts.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
        let length = gaps.min().map { Int($0.rounded()) } ?? Self.defaultIntervalSeconds
        let byStart = Dictionary(grouping: intervals, by: \.intervalStart.timeIntervalSince1970)
        let points = starts.map { start in
            let elapsed = now.timeIntervalSince1970 - start
            return Point(
                time: start,
                seconds: min(Double(length), max(1, elapsed)),
                versions: Dictionary(
                    byStart[start, default: []].map { ($0.version, VersionStatsAnswer($0.counts)) },
                    uniquingKeysWith: { first, _ in first }
                )
            )
        }
        self.init(model: model, versions: versions, intervalSeconds: length, points: points)
    }
}
