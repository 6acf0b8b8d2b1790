import Foundation

/// The ``AggregateCounts`` of one version of one model during one fixed interval.
public struct IntervalAggregate: Sendable, Equatable {
    /// The model.
    public var model: String
    /// The version.
    public var version: String
    /// Start of the interval (a multiple of the store's interval length since 1970).
    public var intervalStart: Date
    /// The statistics of the interval.
    public var counts: AggregateCounts

    /// Creates an interval aggregate.
    public init(model: String, version: String, intervalStart: Date, counts: AggregateCounts) {
        self.model = model
        self.version = version
        self.intervalStart = intervalStart
        self.counts = counts
    }
}
