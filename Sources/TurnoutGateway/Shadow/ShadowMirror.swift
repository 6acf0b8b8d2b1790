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
/// The data plane hands each job to the mirror's own event loop and never waits: jobs holding
/// more than ``byteBudget`` of bodies are dropped and counted before that. On the loop, a job
/// starts at once while its model has fewer than its release's `concurrency` in flight, waits in
/// the model's queue otherwise, and is dropped when ``backlogPerModel`` already wait, so one slow
/// shadow never holds up another model's. Calls go out on the mirror's own keep-alive connections
/// (``MirrorClient``) and builtin shadows run on the same loop, so shadows never take connections,
/// threads or time from production traffic. Each call has the release's timeout, body included,
/// and answers are read to the end so connections are reused.
final class ShadowMirror: Service, Sendable {
    /// Jobs of one model waiting for a free slot; more are dropped.
    static let backlogPerModel = 256
    /// Request and response bytes held by queued and running jobs; more are dropped.
    static let byteBudget = 64 << 20

    let ledger: ShadowLedger
    let metrics: GatewayMetrics
    private let logger: Logger
    private let running = NIOLockedValueBox<Running?>(nil)
    private let heldBytes = ManagedAtomic<Int>(0)
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

    /// Hands a job to the mirror without waiting; over the byte budget, or when the mirror is not
    /// running, it is dropped and counted for each shadow.
    func offer(_ job: ShadowJob) {
        let bytes = job.bytes
        if heldBytes.wrappingIncrementThenLoad(by: bytes, ordering: .relaxed) <= Self.byteBudget,
            !stopping.load(ordering: .relaxed), let running = running.withLockedValue({ $0 }) {
            running.dispatcher.eventLoop.execute { running.dispatcher.value.accept(job) }
            return
        }
        discard(job)
    }

    /// Counts a job that will not run as dropped, and frees its bytes.
    func discard(_ job: ShadowJob) {
        heldBytes.wrappingDecrement(by: job.bytes, ordering: .relaxed)
        for version in job.runtime.versions {
            ledger.dropped(model: job.model, primary: job.primaryVersion, shadow: version.name, window: job.runtime.spec.compare.window)
            metrics.recordShadow(model: job.model, version: version.name, outcome: "dropped")
        }
    }

    /// A job is over: its bytes no longer count against the budget.
    func finished(_ job: ShadowJob) {
        heldBytes.wrappingDecrement(by: job.bytes, ordering: .relaxed)
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
            NIOLoopBound(MirrorDispatcher(client: MirrorClient(loop: loop), mirror: self), eventLoop: loop)
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
