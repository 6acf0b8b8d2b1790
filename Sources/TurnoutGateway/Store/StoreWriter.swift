import Atomics
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import TurnoutStore

/// The one writer between the data plane and the store: a bounded in-memory queue of
/// observations, drained by one task in batched transactions, with feedback committed in the
/// same order (group commit) so a reward always finds the decision that was answered before it.
///
/// The request path only appends under a short lock and never waits for the database.
///
/// A store that is slow sheds load (503) at the admission limit, so nothing answered goes
/// unrecorded. A store that fails (a database that cannot be reached) does not: the gateway goes
/// on answering with its last routing, keeps what fits under the hard limit to write once the
/// store is back, and counts each decision it had to drop (decision 0032-a).
final class StoreWriter: Service, Sendable {
    /// How much may wait in memory.
    struct Limits: Sendable {
        /// Observations pending before new inference requests are shed with 503, while the store writes.
        var admissionLimit = 50_000
        /// Observations pending before finished requests' decisions are dropped (and counted):
        /// requests admitted just below the admission limit still have room to finish, and it
        /// bounds what is kept while the store fails.
        var hardLimit = 100_000
        /// Bytes of sampled payloads pending before further samples are dropped.
        var payloadBytes = 32 << 20
        /// Observations written in one transaction at most.
        var batchSize = 10_000
        /// How long observations may gather before a transaction when nobody waits for them:
        /// fewer, larger transactions cost the writer far less per request (decision 0008).
        var linger = Duration.milliseconds(50)
        /// How long a write may go unanswered before the store counts as failing. A database
        /// that cannot be reached makes PostgreSQL's pool wait for a connection (up to a minute)
        /// rather than fail at once.
        var stallTimeout = Duration.seconds(5)
    }

    let store: any Store
    /// The last minutes of what was committed, in short intervals, for the dashboard.
    let recent = RecentAggregates()
    private let limits: Limits
    let metrics: StoreMetrics
    private let logger: Logger
    private let queue = NIOLockedValueBox(Queue())
    /// Set while the queue is over its admission limit, so admission checks read one flag that
    /// rarely changes instead of a counter every request writes.
    private let saturated = ManagedAtomic(false)
    /// Set from the first failed write until the next one that succeeds.
    private let failing = ManagedAtomic(false)

    private struct Queue {
        var observations: [Observation] = []
        /// An emptied array with capacity, handed back by the writer so appends rarely reallocate.
        var spare: [Observation] = []
        var payloadBytes = 0
        /// Observations taken by the writer and not yet committed.
        var inFlight = 0
        var saturated = false
        var feedback: [FeedbackJob] = []
        /// Sequence number of the last observation enqueued, and of the last one committed.
        var enqueued = 0
        var committed = 0
        var flushes: [(id: Int, upTo: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var nextFlushID = 0
        var wakeup: CheckedContinuation<Void, Never>?
        var stopping = false

        var hasWork: Bool { !observations.isEmpty || !feedback.isEmpty }
    }

    private struct FeedbackJob {
        let items: [FeedbackItem]
        let continuation: CheckedContinuation<[FeedbackResult], any Error>
    }

    /// One cycle's work, taken from the queue.
    private struct Batch {
        var observations: [Observation]
        var payloadBytes: Int
        var feedback: [FeedbackJob]
        var sequence: Int
    }

    init(store: any Store, metrics: StoreMetrics, logger: Logger, limits: Limits = Limits()) {
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.limits = limits
    }

    /// Whether new inference requests should be refused because their decisions could not be logged.
    var isSaturated: Bool {
        saturated.load(ordering: .relaxed)
    }

    /// Whether the last write to the store succeeded; readiness and `turnout_store_available` report it.
    var isStoreAvailable: Bool {
        !failing.load(ordering: .relaxed)
    }

    /// Queues one request's observation; a payload sample that does not fit is dropped first.
    /// Returns false when the decision itself had to be dropped (counted in the metrics).
    @discardableResult
    func enqueue(_ observation: Observation) -> Bool {
        var observation = observation
        var droppedPayload = false
        let outcome = queue.withLockedValue { queue -> (accepted: Bool, wakeup: CheckedContinuation<Void, Never>?) in
            let pending = queue.observations.count + queue.inFlight
            guard pending < limits.hardLimit, !queue.stopping else { return (false, nil) }
            if pending + 1 >= limits.admissionLimit && !queue.saturated && !failing.load(ordering: .relaxed) {
                queue.saturated = true
                saturated.store(true, ordering: .relaxed)
            }
            if let payload = observation.payload {
                let size = payload.request.count + payload.response.count
                if queue.payloadBytes + size > limits.payloadBytes {
                    observation.payload = nil
                    droppedPayload = true
                } else {
                    queue.payloadBytes += size
                }
            }
            queue.observations.append(observation)
            queue.enqueued += 1
            let wakeup = queue.wakeup
            queue.wakeup = nil
            return (true, wakeup)
        }
        if droppedPayload { metrics.droppedPayloads.increment() }
        guard outcome.accepted else {
            metrics.droppedDecisions.increment()
            return false
        }
        outcome.wakeup?.resume()
        return true
    }

    /// Records rewards once every observation queued before them is written, and returns after
    /// the commit; feedback arriving meanwhile shares the transaction.
    func recordFeedback(_ items: [FeedbackItem]) async throws -> [FeedbackResult] {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = queue.withLockedValue { queue -> (Bool, CheckedContinuation<Void, Never>?) in
                // Behind observations the failing store has not taken, it would wait for nothing.
                guard !queue.stopping, !(queue.inFlight > 0 && failing.load(ordering: .relaxed)) else { return (false, nil) }
                queue.feedback.append(FeedbackJob(items: items, continuation: continuation))
                let wakeup = queue.wakeup
                queue.wakeup = nil
                return (true, wakeup)
            }
            if accepted.0 {
                accepted.1?.resume()
            } else {
                continuation.resume(throwing: queue.withLockedValue { $0.stopping } ? StoreWriterError.stopping : StoreWriterError.unavailable)
            }
        }
    }

    /// Returns once every observation queued before the call is written (or given up on).
    func flush() async {
        await flush(waitingAtMost: nil)
    }

    /// Like ``flush()``, but returns after `limit` even when the writes are not done (a store
    /// that fails keeps them queued, retrying).
    func flush(waitingAtMost limit: Duration?) async {
        let id = queue.withLockedValue { queue -> Int in
            queue.nextFlushID += 1
            return queue.nextFlushID
        }
        await withCheckedContinuation { continuation in
            let done = queue.withLockedValue { queue -> Bool in
                if queue.committed >= queue.enqueued { return true }
                queue.flushes.append((id, queue.enqueued, continuation))
                return false
            }
            if done {
                continuation.resume()
            } else if let limit {
                Task {
                    try? await Task.sleep(for: limit)
                    // Whoever removes the waiter resumes it: the writer after a commit, or this timer.
                    let expired = self.queue.withLockedValue { queue -> CheckedContinuation<Void, Never>? in
                        guard let index = queue.flushes.firstIndex(where: { $0.id == id }) else { return nil }
                        return queue.flushes.remove(at: index).continuation
                    }
                    expired?.resume()
                }
            }
        }
    }

    func run() async throws {
        // Cancellation (another service failed) stops it like a graceful shutdown: what is
        // queued is still written, and the wait for work never outlives the group.
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                while let batch = await nextBatch() {
                    await commit(batch)
                }
            } onGracefulShutdown: {
                self.stop()
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Stops taking new work; what is queued is still written before ``run()`` returns.
    func stop() {
        let wakeup = queue.withLockedValue { queue -> CheckedContinuation<Void, Never>? in
            queue.stopping = true
            let wakeup = queue.wakeup
            queue.wakeup = nil
            return wakeup
        }
        wakeup?.resume()
    }

    /// Waits for work; `nil` once stopping with nothing left.
    private func nextBatch() async -> Batch? {
        await waitForWork()
        let someoneWaits = queue.withLockedValue { queue in
            !queue.feedback.isEmpty || !queue.flushes.isEmpty || queue.stopping || queue.observations.count >= limits.batchSize
        }
        if !someoneWaits { try? await Task.sleep(for: limits.linger) }
        while true {
            let batch = queue.withLockedValue { queue -> Batch?? in
                guard queue.hasWork else { return queue.stopping ? .some(nil) : nil }
                // The data plane waits on this lock: take the array whole (a swap, not a copy)
                // whenever it fits in one batch.
                var taken: [Observation]
                if queue.observations.count <= limits.batchSize {
                    taken = queue.spare
                    swap(&taken, &queue.observations)
                    queue.spare = []
                } else {
                    taken = Array(queue.observations.prefix(limits.batchSize))
                    queue.observations.removeFirst(limits.batchSize)
                }
                queue.inFlight += taken.count
                let jobs = queue.observations.isEmpty ? queue.feedback : []
                if queue.observations.isEmpty { queue.feedback.removeAll() }
                return .some(Batch(observations: taken, payloadBytes: 0, feedback: jobs, sequence: queue.enqueued - queue.observations.count))
            }
            if let outcome = batch {
                guard var taken = outcome else { return nil }
                taken.payloadBytes = taken.observations.reduce(0) { $0 + ($1.payload.map { $0.request.count + $0.response.count } ?? 0) }
                return taken
            }
            await waitForWork()
        }
    }

    private func waitForWork() async {
        await withCheckedContinuation { continuation in
            let ready = queue.withLockedValue { queue -> Bool in
                if queue.hasWork || queue.stopping { return true }
                queue.wakeup = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func commit(_ batch: Batch) async {
        defer {
            var emptied = batch.observations
            emptied.removeAll(keepingCapacity: true)
            queue.withLockedValue { queue in if queue.spare.capacity < emptied.capacity { queue.spare = emptied } }
        }
        let waitingFeedback = NIOLockedValueBox(batch.feedback)
        if !batch.observations.isEmpty {
            await append(batch.observations, refusingOnFailure: waitingFeedback)
        }
        let (flushed, pending) = queue.withLockedValue { queue -> ([CheckedContinuation<Void, Never>], Int) in
            queue.payloadBytes -= batch.payloadBytes
            queue.inFlight -= batch.observations.count
            let pending = queue.observations.count + queue.inFlight
            if queue.saturated && pending < limits.admissionLimit {
                queue.saturated = false
                saturated.store(false, ordering: .relaxed)
            }
            queue.committed = batch.sequence
            let ready = queue.flushes.filter { $0.upTo <= batch.sequence }.map(\.continuation)
            queue.flushes.removeAll { $0.upTo <= batch.sequence }
            return (ready, pending)
        }
        for continuation in flushed { continuation.resume() }
        metrics.pending.record(pending)
        let feedback = waitingFeedback.withLockedValue { $0 }
        guard !feedback.isEmpty else { return }
        await recordFeedback(feedback)
    }

    /// Writes observations, retrying with backoff while the store fails; the queue fills meanwhile
    /// and admission sheds load. Gives up only while stopping. At the first failure or stall,
    /// `feedback` waiting behind these observations is refused and emptied.
    private func append(_ observations: [Observation], refusingOnFailure feedback: NIOLockedValueBox<[FeedbackJob]>) async {
        var delay = Duration.milliseconds(50)
        var attempts = 0
        while true {
            do {
                try await watchingForStall(refusing: feedback) { try await store.append(ObservationBatch(observations)) }
                recent.record(observations)
                markAvailable(true)
                return
            } catch {
                attempts += 1
                metrics.writeErrors.increment()
                markAvailable(false)
                refuse(feedback)
                logger.error("cannot write \(observations.count) observations to the store (attempt \(attempts)): \(error)")
                if queue.withLockedValue({ $0.stopping }) && attempts >= 3 {
                    metrics.droppedDecisions.increment(by: observations.count)
                    logger.critical("gave up writing \(observations.count) observations while shutting down")
                    return
                }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(2))
            }
        }
    }

    /// Runs one write of observations; when it has not finished within the stall timeout, the
    /// store counts as failing and the feedback waiting behind it is refused. The write itself
    /// goes on: abandoning one that may still commit and writing it again would count it twice.
    private func watchingForStall(refusing feedback: NIOLockedValueBox<[FeedbackJob]>, _ write: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [limits] in
                try await Task.sleep(for: limits.stallTimeout)
                self.logger.error("a write to the store has not finished after \(limits.stallTimeout)")
                self.markAvailable(false)
                self.refuse(feedback)
            }
            defer { group.cancelAll() }
            try await write()
        }
    }

    /// Records whether the store took the last write. While it fails, nothing is shed: the data
    /// plane keeps answering and the hard limit bounds what waits.
    private func markAvailable(_ available: Bool) {
        guard failing.exchange(!available, ordering: .relaxed) == available else { return }
        metrics.available.record(available ? 1 : 0)
        if available {
            logger.notice("the store takes writes again")
        } else {
            queue.withLockedValue { queue in
                queue.saturated = false
                saturated.store(false, ordering: .relaxed)
            }
            logger.warning("the store fails: inference goes on with the last routing, decisions wait in memory (at most \(limits.hardLimit)), feedback is refused with 503")
        }
    }

    /// Refuses the feedback behind observations the store does not take, and all that is queued.
    private func refuse(_ feedback: NIOLockedValueBox<[FeedbackJob]>) {
        let jobs = feedback.withLockedValue { jobs in
            defer { jobs.removeAll() }
            return jobs
        }
        for job in jobs { job.continuation.resume(throwing: StoreWriterError.unavailable) }
        refuseQueuedFeedback()
    }

    /// Feedback cannot be committed while the observations ahead of it are not: its callers are
    /// told at once (503) rather than kept waiting on a store that fails.
    private func refuseQueuedFeedback() {
        let jobs = queue.withLockedValue { queue -> [FeedbackJob] in
            defer { queue.feedback.removeAll() }
            return queue.feedback
        }
        for job in jobs { job.continuation.resume(throwing: StoreWriterError.unavailable) }
    }

    private func recordFeedback(_ jobs: [FeedbackJob]) async {
        do {
            let results = try await store.recordFeedback(jobs.flatMap(\.items))
            markAvailable(true)
            var offset = 0
            for job in jobs {
                job.continuation.resume(returning: Array(results[offset..<offset + job.items.count]))
                offset += job.items.count
            }
        } catch {
            metrics.writeErrors.increment()
            markAvailable(false)
            logger.error("cannot write feedback to the store: \(error)")
            for job in jobs { job.continuation.resume(throwing: StoreWriterError.unavailable) }
        }
    }
}

/// Why the writer could not take or commit work.
enum StoreWriterError: Error, CustomStringConvertible {
    case stopping
    case unavailable

    var description: String {
        switch self {
        case .stopping: "the gateway is shutting down"
        case .unavailable: "the store is unavailable; nothing was recorded, retry later"
        }
    }
}
