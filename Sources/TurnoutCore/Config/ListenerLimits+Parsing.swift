extension ListenerLimits {
    /// Keys of the top-level `limits:` mapping (the data plane).
    static let dataPlaneKeys = [
        "header_timeout", "body_timeout", "idle_timeout", "max_connections", "max_header_count", "max_header_bytes",
        "max_request_id", "max_feedback_items", "max_ofrep_context", "max_parameters",
    ]
    /// Keys of `admin.limits`: the connection bounds only, as the admin API has no inference,
    /// feedback or OFREP routes.
    static let adminKeys = Array(dataPlaneKeys.prefix(6))

    /// The longest timeout accepted: longer ones would leave connections open for days.
    static let longestTimeout = Duration.seconds(86_400)
    static let connectionRange = 1...1_000_000
    static let headerCountRange = 1...10_000
    static let headerBytesRange = 1024...(1 << 20)
    static let requestIDRange = 0...4096
    static let feedbackItemsRange = 1...100_000
    static let ofrepContextRange = 1024...(64 << 20)
    static let parametersRange = 1...100_000
}

extension ConfigReader {
    /// Reads a `limits` mapping at `path` over `defaults`, range-checking every value.
    mutating func readLimits(_ value: ConfigValue, at path: String, defaults: ListenerLimits, allowedKeys: [String]) -> ListenerLimits? {
        guard let entries = mapping(value, at: path, allowedKeys: allowedKeys) else { return nil }
        var limits = defaults
        if let value = entries["header_timeout"], let timeout = limitTimeout(value, at: entries.path("header_timeout")) {
            limits.headerTimeout = timeout
        }
        if let value = entries["body_timeout"], let timeout = limitTimeout(value, at: entries.path("body_timeout")) {
            limits.bodyTimeout = timeout
        }
        if let value = entries["idle_timeout"], let timeout = limitTimeout(value, at: entries.path("idle_timeout")) {
            limits.idleTimeout = timeout
        }
        if let value = entries["max_connections"],
           let count = limitCount(value, at: entries.path("max_connections"), in: ListenerLimits.connectionRange) {
            limits.maxConnections = count
        }
        if let value = entries["max_header_count"],
           let count = limitCount(value, at: entries.path("max_header_count"), in: ListenerLimits.headerCountRange) {
            limits.maxHeaderCount = count
        }
        if let value = entries["max_header_bytes"],
           let size = limitSize(value, at: entries.path("max_header_bytes"), in: ListenerLimits.headerBytesRange) {
            limits.maxHeaderBytes = size
        }
        if let value = entries["max_request_id"],
           let length = limitCount(value, at: entries.path("max_request_id"), in: ListenerLimits.requestIDRange) {
            limits.maxRequestID = length
        }
        if let value = entries["max_feedback_items"],
           let count = limitCount(value, at: entries.path("max_feedback_items"), in: ListenerLimits.feedbackItemsRange) {
            limits.maxFeedbackItems = count
        }
        if let value = entries["max_ofrep_context"],
           let size = limitSize(value, at: entries.path("max_ofrep_context"), in: ListenerLimits.ofrepContextRange) {
            limits.maxOFREPContext = size
        }
        if let value = entries["max_parameters"],
           let count = limitCount(value, at: entries.path("max_parameters"), in: ListenerLimits.parametersRange) {
            limits.maxParameters = count
        }
        return limits
    }

    private mutating func limitTimeout(_ value: ConfigValue, at path: String) -> Duration? {
        guard let timeout = duration(value, at: path) else { return nil }
        guard timeout <= ListenerLimits.longestTimeout else {
            report(path, "expected a duration up to 1d (86400s), got \(Self.show(value))")
            return nil
        }
        return timeout
    }

    private mutating func limitCount(_ value: ConfigValue, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .int(let count) = value, range.contains(count) else {
            report(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(Self.show(value))")
            return nil
        }
        return count
    }

    private mutating func limitSize(_ value: ConfigValue, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let size = ConfigUnits.byteSize(value), range.contains(size) else {
            report(path, "expected a size from \(range.lowerBound) to \(range.upperBound) bytes such as 32KiB, got \(Self.show(value))")
            return nil
        }
        return size
    }
}
