import Foundation

/// The ``AggregateCounts`` of one version of one model during one fixed interval.
package struct IntervalAggregate: Sendable, Equatable {
    /// The model.
    package var model: String
    /// The version.
    package var version: String
    /// Start of the interval (a multiple of the store's interval length since 1970).
    package var intervalStart: Date
    /// The statistics of the interval.
    package var counts: AggregateCounts

    /// Creates an interval aggregate.
    package init(model: String, version: String, intervalStart: Date, counts: AggregateCounts) {
        self.model = model
        self.version = version
        self.intervalStart = intervalStart
        self.counts = counts
    }
}
