extension Optional where Wrapped == Double {
    /// The value when it is a finite number: where a statistic has always been `null` or left
    /// out without data, NaN and infinity are treated as no data too.
    var finite: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}
