import NIOCore

/// One shadow version's share of the mirror: its calls in flight, the calls waiting for a slot,
/// and the bytes they hold.
///
/// Every (model, shadow version) has a lane of its own, so a slow or failing shadow fills and
/// drops only its own calls while the model's other shadows keep pace with the primary. The lane
/// only decides; the dispatcher that owns it makes the calls.
struct MirrorLane<Call> {
    /// What a lane may hold.
    struct Limits: Equatable {
        /// Calls in flight at once.
        var concurrency: Int
        /// Calls waiting for a slot; more are dropped.
        var backlog: Int
        /// Request and response bytes held by the running and waiting calls; more are dropped.
        var byteBudget: Int
    }

    /// What became of a call offered to the lane.
    enum Admission: Equatable {
        case start
        case queued
        case dropped
    }

    private(set) var inFlight = 0
    private(set) var heldBytes = 0
    private var waiting = CircularBuffer<(call: Call, bytes: Int)>()

    /// Calls waiting for a slot.
    var backlog: Int { waiting.count }

    /// Starts the call when a slot is free, queues it when the backlog has room, or drops it;
    /// a call that would take the lane over its byte budget is dropped either way.
    mutating func admit(_ call: Call, bytes: Int, limits: Limits) -> Admission {
        guard heldBytes + bytes <= limits.byteBudget else { return .dropped }
        if inFlight < max(limits.concurrency, 1) {
            inFlight += 1
            heldBytes += bytes
            return .start
        }
        guard waiting.count < limits.backlog else { return .dropped }
        waiting.append((call, bytes))
        heldBytes += bytes
        return .queued
    }

    /// A call of `bytes` is over; returns the next waiting call, which now holds the free slot.
    mutating func finish(bytes: Int) -> Call? {
        heldBytes -= bytes
        guard let next = waiting.popFirst() else {
            inFlight -= 1
            return nil
        }
        return next.call
    }

    /// Removes every waiting call, for shutdown; the calls in flight are left to end.
    mutating func removeWaiting() -> [Call] {
        let calls = waiting.map(\.call)
        heldBytes -= waiting.reduce(0) { $0 + $1.bytes }
        waiting.removeAll()
        return calls
    }
}
