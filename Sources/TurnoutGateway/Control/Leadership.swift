import Atomics
import Foundation
import NIOConcurrencyHelpers

/// Whether this replica runs the release controllers, and since when.
///
/// A gateway alone on its store always leads; replicas on a shared store lead only while they
/// hold the store's leader lock (``ReplicaElection``).
final class Leadership: Sendable {
    private let leading: ManagedAtomic<Bool>
    private let leadingSince: NIOLockedValueBox<Date?>

    init(leading: Bool, now: Date = Date()) {
        self.leading = ManagedAtomic(leading)
        self.leadingSince = NIOLockedValueBox(leading ? now : nil)
    }

    /// Read on every controller tick, so a lock-free load.
    var isLeading: Bool { leading.load(ordering: .acquiring) }

    var since: Date? { leadingSince.withLockedValue { $0 } }

    func set(_ isLeading: Bool, now: Date = Date()) {
        leadingSince.withLockedValue { $0 = isLeading ? ($0 ?? now) : nil }
        leading.store(isLeading, ordering: .releasing)
    }
}
