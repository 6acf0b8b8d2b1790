import Foundation
import TurnoutAdminAPI
import TurnoutStore

extension SeriesAnswer {
    /// The store's interval length when too few intervals are stored to measure it: the SQLite
    /// store's default of one minute.
    static let defaultIntervalSeconds = 60

    /// Recent short intervals to show instead of the stored ones from the first whole stored
    /// interval they cover.
    struct Recent {
        /// From when the short intervals are complete.
        var from: Date
        /// Their length, in seconds.
        var seconds: Int
        /// The intervals.
        var intervals: [IntervalAggregate]
    }

    /// The series of `model`: its stored per-interval aggregates, oldest first, and where
    /// `recent` covers them the short intervals instead.
    ///
    /// The stored interval length is read off the data (the smallest gap between two intervals),
    /// so the answer stays right for a store configured with other intervals. Each point's
    /// `seconds` is its length, or what has passed of it at `now` for the running one.
    init(model: String, versions: [String], stored: [IntervalAggregate], recent: Recent?, now: Date) {
        let storedStarts = Set(stored.map(\.intervalStart.timeIntervalSince1970)).sorted()
        let gaps = zip(storedStarts, storedStarts.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }
        let length = gaps.min().map { Int($0.rounded()) } ?? Self.defaultIntervalSeconds
        // Stored intervals end where the first whole stored interval the recent ones cover begins.
        let boundary = recent.map { (($0.from.timeIntervalSince1970 / Double(length)).rounded(.up)) * Double(length) } ?? .infinity
        let points = Self.points(stored.filter { $0.intervalStart.timeIntervalSince1970 < boundary }, seconds: length, now: now)
            + Self.points((recent?.intervals ?? []).filter { $0.intervalStart.timeIntervalSince1970 >= boundary }, seconds: recent?.seconds ?? length, now: now)
        self.init(model: model, versions: versions, intervalSeconds: length, points: points)
    }

    /// One point per interval start, oldest first.
    private static func points(_ intervals: [IntervalAggregate], seconds: Int, now: Date) -> [Point] {
        Dictionary(grouping: intervals, by: \.intervalStart.timeIntervalSince1970).sorted { $0.key < $1.key }.map { start, rows in
            Point(
                time: start,
                seconds: min(Double(seconds), max(1, now.timeIntervalSince1970 - start)),
                versions: Dictionary(rows.map { ($0.version, VersionStatsAnswer($0.counts)) }, uniquingKeysWith: { first, _ in first })
            )
        }
    }
}
