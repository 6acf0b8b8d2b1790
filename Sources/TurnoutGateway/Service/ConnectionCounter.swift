import Atomics
import CoreMetrics

/// Counts one listener's open connections across its event loops and refuses those over the
/// limit, so descriptors run out neither for the data plane nor for the admin API.
final class ConnectionCounter: Sendable {
    private let open = ManagedAtomic(0)
    private let refused: CoreMetrics.Counter

    /// - Parameter refused: counts the connections closed for being over the limit.
    init(refused: CoreMetrics.Counter) {
        self.refused = refused
    }

    /// Admits one more connection unless `limit` are open; an admitted connection must be
    /// released when it closes.
    func admit(limit: Int) -> Bool {
        if open.loadThenWrappingIncrement(ordering: .relaxed) < limit { return true }
        open.wrappingDecrement(ordering: .relaxed)
        refused.increment()
        return false
    }

    /// A connection admitted earlier closed.
    func release() {
        open.wrappingDecrement(ordering: .relaxed)
    }
}
