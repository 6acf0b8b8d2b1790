import Atomics
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TurnoutStats

/// Replays mirrored requests against shadow versions off the request path.
///
/// The data plane hands each job to the mirror's own event loop and never waits: while more than
/// ``transitBudget`` bytes of jobs are on their way to that loop, further jobs are dropped and
/// counted. On the loop, every (model, shadow version) has a lane of its own (``MirrorLane``): a
/// shadow's call starts at once while that shadow has fewer than the release's `concurrency` calls
/// in flight, waits in its lane otherwise, and is dropped when ``backlogPerShadow`` calls already
/// wait or the lane holds ``byteBudgetPerShadow`` bytes, so a slow shadow drops only its own pairs
/// and never holds up the model's other shadows or another model's. Calls go out through the data
/// plane's client (``UpstreamPool``, ``ShadowUpstreamCall``) with pools of the mirror loop's own,
/// and builtin shadows run on the same loop, so
/// shadows never take connections, threads or time from production traffic. Each call has the
/// release's timeout, body included, and answers are read to the end so connections are reused.
final class ShadowMirror: Service, Sendable {
    /// Calls of one shadow waiting for a free slot; more are dropped.
    static let backlogPerShadow = 256
    /// Request and response bytes held by one shadow's running and waiting calls; more are dropped.
    static let byteBudgetPerShadow = 64 << 20
    /// Bytes of jobs handed to the mirror's loop and not yet taken into their lanes; more are
    /// dropped, so a busy mirror loop cannot pile up memory.
    static let transitBudget = 64 << 20

    let ledger: ShadowLedger
    let metrics: GatewayMetrics
    private let logger: Logger
    private let running = NIOLockedValueBox<Running?>(nil)
    private let bytesInTransit = ManagedAtomic<Int>(0)
    private let stopping = ManagedAtomic<Bool>(false)
    private let flushInterval: Duration

    /// The mirror's loop and the state that lives on it, while the service runs.
    private struct Running: Sendable {
        let group: MultiThreadedEventLoopGroup
        let dispatcher: NIOLoopBound<MirrorDispatcher>
    }

    init(ledger: ShadowLedger, metrics: GatewayMetrics, logger: Logger, flushInterval: Duration = .seconds(10)) {
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
        self.flushInterval = flushInterval
    }

    /// Hands a job to the mirror without waiting; over the transit budget, or when the mirror is
    /// not running, it is dropped and counted for each shadow.
    func offer(_ job: ShadowJob) {
        let bytes = job.bytes
        if bytesInTransit.wrappingIncrementThenLoad(by: bytes, ordering: .relaxed) <= Self.transitBudget,
            !stopping.load(ordering: .relaxed), let running = running.withLockedValue({ $0 }) {
            running.dispatcher.eventLoop.execute { running.dispatcher.value.accept(job) }
            return
        }
        bytesInTransit.wrappingDecrement(by: bytes, ordering: .relaxed)
        discard(job)
    }

    /// The job reached the mirror's loop: its bytes now count against its shadows' lanes.
    func arrived(_ job: ShadowJob) {
        bytesInTransit.wrappingDecrement(by: job.bytes, ordering: .relaxed)
    }

    /// Counts a job that will not run as dropped for each of its shadows.
    func discard(_ job: ShadowJob) {
        for version in job.runtime.versions { discard(job, shadow: version.name) }
    }

    /// Counts one shadow's call for a job as dropped.
    func discard(_ job: ShadowJob, shadow: String) {
        ledger.dropped(model: job.model, primary: job.primaryVersion, shadow: shadow, window: job.runtime.spec.compare.window)
        metrics.recordShadow(model: job.model, version: shadow, outcome: "dropped")
    }

    /// Counts a sampled request that could not be mirrored (a body over `max_body`, say).
    func skip(model: String, primary: String, runtime: ShadowRuntime, reason: ShadowSkipReason) {
        for version in runtime.versions {
            ledger.skipped(model: model, primary: primary, shadow: version.name, reason: reason, window: runtime.spec.compare.window)
            metrics.recordShadow(model: model, version: version.name, outcome: "skipped")
        }
    }

    /// One request to one version, off the request path (smoke tests use it).
    func call(_ version: VersionRuntime, _ call: VersionCall) async -> ShadowCallResult {
        guard let running = running.withLockedValue({ $0 }) else { return .failed(reason: "the mirror is not running") }
        let loop = running.dispatcher.eventLoop
        let promise = loop.makePromise(of: ShadowCallResult.self)
        loop.execute { running.dispatcher.value.call(version, call) { promise.succeed($0) } }
        return (try? await promise.futureResult.get()) ?? .failed(reason: "the mirror stopped")
    }

    func run() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let dispatcher = try await loop.submit {
            NIOLoopBound(MirrorDispatcher(upstreams: LoopContext(eventLoop: loop, metrics: self.metrics), mirror: self), eventLoop: loop)
        }.get()
        running.withLockedValue { $0 = Running(group: group, dispatcher: dispatcher) }
        await cancelWhenGracefulShutdown { await self.flushPeriodically() }
        // Jobs still queued are dropped, not run: shutting down must not wait on shadows. Calls
        // in flight end within their timeouts.
        stopping.store(true, ordering: .relaxed)
        let drained = loop.makePromise(of: Void.self)
        loop.execute { dispatcher.value.stop(whenIdle: drained) }
        try? await drained.futureResult.get()
        running.withLockedValue { $0 = nil }
        await ledger.flush()
        try? await group.shutdownGracefully()
    }

    private func flushPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: flushInterval)
            await ledger.flush()
        }
    }

    /// The client's headers for the shadow, marked as a mirror; framing is the mirror's own.
    static func mirrorHeaders(_ original: HTTPHeaders, requestID: String) -> HTTPHeaders {
        var headers = original
        HopByHopHeaders.remove(from: &headers)
        for name in ["host", "content-length", "transfer-encoding", "expect"] { headers.remove(name: name) }
        headers.replaceOrAdd(name: "x-request-id", value: requestID)
        headers.replaceOrAdd(name: "x-turnout-shadow", value: "1")
        return headers
    }
}
