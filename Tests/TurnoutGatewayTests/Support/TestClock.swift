import Foundation
import Synchronization

/// The time a test's release controllers go by: the real time plus however far the test has
/// moved it on with ``advance(by:)``.
///
/// Anchored to the real clock, because the data plane stamps what it records with the real
/// time and the controllers read that record by time; advancing only ever moves the
/// controllers' time ahead, so a step pause, a promotion window, an analysis interval or a
/// bandit's reward wait passes at once instead of after a sleep.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    init() {}

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        offset.withLock { $0 += seconds }
    }
}
