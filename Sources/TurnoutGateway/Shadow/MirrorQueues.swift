import NIOConcurrencyHelpers
import NIOCore

/// A bounded queue of mirror jobs per model, and the bookkeeping of the workers that take them.
///
/// The data plane offers a job under a short lock and never waits: an idle worker gets it at
/// once, or it is queued, or, with `backlog` jobs of its model already waiting, refused. Each
/// model has at most its release's `concurrency` workers, started on demand and kept, so a job
/// costs no task of its own.
final class MirrorQueues: Sendable {
    /// What became of an offered job.
    enum Offer: Equatable {
        /// An idle worker took it.
        case handed
        /// It waits for a worker.
        case queued
        /// It waits, and the model may have one more worker: the caller starts one.
        case queuedNeedsWorker
        /// Refused: the model's backlog is full, or the mirror is stopping.
        case refused
    }

    private struct Queue {
        var jobs = CircularBuffer<ShadowJob>()
        var idle: [CheckedContinuation<ShadowJob?, Never>] = []
        var workers = 0
    }

    private struct State {
        var queues: [String: Queue] = [:]
        var stopped = false
    }

    private let state = NIOLockedValueBox(State())
    /// Jobs of one model that may wait for a worker.
    let backlog: Int

    init(backlog: Int) {
        self.backlog = backlog
    }

    func offer(_ job: ShadowJob) -> Offer {
        let (outcome, worker): (Offer, CheckedContinuation<ShadowJob?, Never>?) = state.withLockedValue { state in
            guard !state.stopped else { return (.refused, nil) }
            if let idle = state.queues[job.model]?.idle.popLast() { return (.handed, idle) }
            var queue = state.queues.removeValue(forKey: job.model) ?? Queue()
            defer { state.queues[job.model] = queue }
            guard queue.jobs.count < backlog else { return (.refused, nil) }
            queue.jobs.append(job)
            guard queue.workers < job.runtime.spec.concurrency else { return (.queued, nil) }
            queue.workers += 1
            return (.queuedNeedsWorker, nil)
        }
        worker?.resume(returning: job)
        return outcome
    }

    /// The model's next job, waiting for one; nil once the mirror stops.
    func next(for model: String) async -> ShadowJob? {
        await withCheckedContinuation { continuation in
            let ready: ShadowJob?? = state.withLockedValue { state in
                if let job = state.queues[model]?.jobs.popFirst() { return .some(job) }
                if state.stopped { return .some(nil) }
                state.queues[model, default: Queue()].idle.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Refuses every further job, wakes the idle workers to end, and returns the jobs that were
    /// still waiting (they are dropped, not run: a shutdown does not wait on shadows).
    func stop() -> [ShadowJob] {
        let (jobs, idle): ([ShadowJob], [CheckedContinuation<ShadowJob?, Never>]) = state.withLockedValue { state in
            state.stopped = true
            defer { state.queues.removeAll() }
            return (state.queues.values.flatMap { Array($0.jobs) }, state.queues.values.flatMap(\.idle))
        }
        for worker in idle { worker.resume(returning: nil) }
        return jobs
    }
}
