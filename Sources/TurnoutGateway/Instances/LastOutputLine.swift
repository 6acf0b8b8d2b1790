import Synchronization

/// The last non-empty line a child wrote to one of its streams.
final class LastOutputLine: Sendable {
    private let line = Mutex<String?>(nil)

    init() {}

    var value: String? { line.withLock { $0 } }

    func record(_ value: String) {
        line.withLock { $0 = value }
    }
}
