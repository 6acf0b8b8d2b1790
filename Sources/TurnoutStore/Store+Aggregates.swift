import Foundation

extension Store {
    /// Per-version totals of `model` from the interval containing `since` onwards: the stored
    /// intervals summed, the same for every implementation.
    package func aggregates(model: String, since: Date) async throws -> [String: AggregateCounts] {
        var totals: [String: AggregateCounts] = [:]
        for interval in try await intervalAggregates(model: model, since: since) {
            totals[interval.version, default: AggregateCounts()].merge(interval.counts)
        }
        return totals
    }
}
