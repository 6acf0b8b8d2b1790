import Logging
import NIOConcurrencyHelpers

/// A logger whose lines a test can read: level, message and metadata (the logger's own
/// included), as one string each.
struct CapturedLog: LogHandler {
    private let lines = NIOLockedValueBox<[String]>([])
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A logger writing here.
    var logger: Logger {
        let handler = self
        return Logger(label: "captured") { _ in handler }
    }

    /// Every line logged so far.
    var text: [String] { lines.withLockedValue { $0 } }

    /// Whether a line logged so far contains `part`.
    func contains(_ part: String) -> Bool {
        text.contains { $0.contains(part) }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.withLockedValue { $0.append("\(event.level) \(event.message) \(fields)") }
    }
}
