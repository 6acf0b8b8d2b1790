import AsyncHTTPClient
import Atomics
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TurnoutModels
import TurnoutStats

/// Replays mirrored requests against shadow versions off the request path.
///
/// The data plane offers jobs to a bounded queue per model and never waits: a full queue, or jobs
/// holding more than ``byteBudget`` of bodies, drop the job and count it, so one slow shadow never
/// holds up another model's. Each model's jobs are taken by at most its release's `concurrency`
/// long-lived workers. Calls go out on the mirror's own HTTP client, connection pool and event
/// loop, and builtin shadows run on the mirror's own thread, so shadows never take connections,
/// threads or time from production traffic. Each call has the release's timeout for its answer to
/// begin; the whole call counts as timed out when it took longer, and a body that stalls is cut by
/// the client's read timeout. Responses are read to the end so their connections are reused.
final class ShadowMirror: Service, Sendable {
    /// Jobs of one model waiting for a worker; more are dropped.
    static let backlogPerModel = 256
    /// How long a shadow's answer may pause between reads once it has begun.
    static let readTimeout: TimeAmount = .seconds(10)
    /// Request and response bytes held by queued and running jobs; more are dropped.
    static let byteBudget = 64 << 20

    let ledger: ShadowLedger
    private let queues = MirrorQueues(backlog: ShadowMirror.backlogPerModel)
    /// Models that need one more worker; the service starts it in its task group.
    private let workerRequests: AsyncStream<String>
    private let workerQueue: AsyncStream<String>.Continuation
    private let resources = NIOLockedValueBox<Resources?>(nil)
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let nextInstance = ManagedAtomic<Int>(0)
    private let heldBytes = ManagedAtomic<Int>(0)
    private let stopping = ManagedAtomic<Bool>(false)
    private let flushInterval: Duration

    /// What the mirror runs on, made when it starts and shut down when it stops.
    private struct Resources: Sendable {
        let loops: MultiThreadedEventLoopGroup
        let threads: NIOThreadPool
        let client: HTTPClient
    }

    init(ledger: ShadowLedger, metrics: GatewayMetrics, logger: Logger, flushInterval: Duration = .seconds(10)) {
        (workerRequests, workerQueue) = AsyncStream.makeStream(of: String.self)
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
        self.flushInterval = flushInterval
    }

    /// Queues a job without waiting; a full queue or byte budget drops it, counted for each shadow.
    func offer(_ job: ShadowJob) {
        let bytes = job.bytes
        if heldBytes.wrappingIncrementThenLoad(by: bytes, ordering: .relaxed) <= Self.byteBudget {
            switch queues.offer(job) {
            case .handed, .queued: return
            case .queuedNeedsWorker:
                workerQueue.yield(job.model)
                return
            case .refused: break
            }
        }
        heldBytes.wrappingDecrement(by: bytes, ordering: .relaxed)
        countDropped(job)
    }

    private func countDropped(_ job: ShadowJob) {
        for version in job.runtime.versions {
            ledger.dropped(model: job.model, primary: job.primaryVersion, shadow: version.name, window: job.runtime.spec.compare.window)
            metrics.recordShadow(model: job.model, version: version.name, outcome: "dropped")
        }
    }

    /// Counts a sampled request that could not be mirrored (a body over `max_body`, say).
    func skip(model: String, primary: String, runtime: ShadowRuntime, reason: ShadowSkipReason) {
        for version in runtime.versions {
            ledger.skipped(model: model, primary: primary, shadow: version.name, reason: reason, window: runtime.spec.compare.window)
            metrics.recordShadow(model: model, version: version.name, outcome: "skipped")
        }
    }

    func run() async throws {
        let resources = Self.makeResources()
        self.resources.withLockedValue { $0 = resources }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.consume() }
                group.addTask { await self.flushPeriodically() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stop()
        }
        stop()
        await ledger.flush()
        self.resources.withLockedValue { $0 = nil }
        try? await resources.client.shutdown()
        try? await resources.threads.shutdownGracefully()
        try? await resources.loops.shutdownGracefully()
    }

    private static func makeResources() -> Resources {
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        // A refused connection fails the call at once (the shadow is down), rather than being
        // retried until the deadline and counted as a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(2), read: readTimeout)
        configuration.decompression = .disabled
        return Resources(loops: loops, threads: threads, client: HTTPClient(eventLoopGroup: loops, configuration: configuration))
    }

    /// Jobs still queued are dropped, not run: shutting down must not wait on shadows.
    private func stop() {
        guard !stopping.exchange(true, ordering: .relaxed) else { return }
        for job in queues.stop() {
            heldBytes.wrappingDecrement(by: job.bytes, ordering: .relaxed)
            countDropped(job)
        }
        workerQueue.finish()
    }

    /// Starts the workers the queues ask for and waits for them all once the mirror stops.
    private func consume() async {
        await withDiscardingTaskGroup { group in
            for await model in workerRequests {
                group.addTask { await self.work(model) }
            }
        }
    }

    private func work(_ model: String) async {
        while let job = await queues.next(for: model) {
            await execute(job)
            heldBytes.wrappingDecrement(by: job.bytes, ordering: .relaxed)
        }
    }

    private func flushPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: flushInterval)
            await ledger.flush()
        }
    }

    /// Calls every shadow of the job at once and records each comparison.
    func execute(_ job: ShadowJob) async {
        let body = ShadowJob.joined(job.body)
        let primaryBody = ShadowJob.joined(job.primaryBody)
        let primary = ShadowOutputs.read(primaryBody, route: job.routeKind, output: job.runtime.spec.compare.output)
        let compare = { @Sendable (version: VersionRuntime) async in
            let call = VersionCall(
                route: job.routeKind, method: job.method, headers: job.headers, query: job.query, body: body,
                requestID: job.requestID, timeout: job.runtime.spec.timeout, maxBody: job.runtime.spec.maxBody
            )
            let result = await self.call(version, call)
            self.metrics.recordShadow(model: job.model, version: version.name, outcome: result.metricOutcome)
            self.ledger.record(job: job, shadow: version.name, result: result, primaryOutput: primary, primaryBody: primaryBody)
            if let limit = job.logLimit { self.ledger.keep(ShadowLedger.sample(of: result, job: job, version: version.name, limit: limit)) }
        }
        // One shadow, the usual case, needs no child task.
        guard job.runtime.versions.count > 1 else {
            if let only = job.runtime.versions.first { await compare(only) }
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for version in job.runtime.versions {
                group.addTask { await compare(version) }
            }
        }
    }

    /// One request to one version, off the request path: on the mirror's thread for a builtin
    /// model, on its connection pool for an upstream.
    func call(_ version: VersionRuntime, _ call: VersionCall) async -> ShadowCallResult {
        guard let resources = resources.withLockedValue({ $0 }) else { return .failed(reason: "the mirror is not running") }
        switch version.backend {
        case .builtin(let builtin, _):
            return await Self.callBuiltin(builtin, version: version, call, on: resources.threads)
        case .upstream(let group):
            return await callUpstream(group, version: version, call, client: resources.client)
        }
    }

    private static func callBuiltin(_ builtin: BuiltinModel, version: VersionRuntime, _ call: VersionCall, on threads: NIOThreadPool) async -> ShadowCallResult {
        let start = ContinuousClock.now
        guard call.route == .infer || call.route == .predictV1 else {
            return .answered(status: 404, latency: (ContinuousClock.now - start).seconds, body: nil)
        }
        let inference = BuiltinInference(model: builtin.model, modelName: version.modelName, version: version.name, v1: call.route == .predictV1)
        let body = call.body
        // Timed on the thread that runs it, as the primary's in-process answer is: the hop to
        // the mirror's thread is the mirror's cost, not the model's.
        let timed = try? await threads.runIfActive { () -> (Result<[UInt8], InferenceRequestError>, Double) in
            let began = ContinuousClock.now
            let outcome = inference.run(on: body)
            return (outcome, (ContinuousClock.now - began).seconds)
        }
        guard let (outcome, latency) = timed else { return .failed(reason: "the mirror is shutting down") }
        switch outcome {
        case .success(let bytes):
            return .answered(status: 200, latency: latency, body: ByteBuffer(bytes: bytes))
        case .failure:
            return .answered(status: 400, latency: latency, body: nil)
        }
    }

    private func callUpstream(_ group: UpstreamGroup, version: VersionRuntime, _ call: VersionCall, client: HTTPClient) async -> ShadowCallResult {
        let now = NIODeadline.now()
        let available = group.instances.filter { $0.isAvailable(at: now) }
        guard !available.isEmpty else { return .failed(reason: "no available instance") }
        let instance = available[nextInstance.loadThenWrappingIncrement(ordering: .relaxed) % available.count]
        var request = HTTPClientRequest(url: "http://\(instance.url.authority)\(version.paths.path(for: call.route, query: call.query))")
        request.method = call.method
        request.headers = Self.mirrorHeaders(call.headers, requestID: call.requestID)
        request.body = .bytes(call.body)
        let prepared = request
        let start = ContinuousClock.now
        do {
            let response = try await client.execute(prepared, timeout: .nanoseconds(Int64(call.timeout * 1e9)), logger: logger)
            let answer = try await Self.readToEnd(response.body, keepingAtMost: call.maxBody)
            let latency = (ContinuousClock.now - start).seconds
            // The deadline covers the head; a body that made the whole call too slow counts too.
            guard latency <= call.timeout else { return .timedOut(latency: latency) }
            return .answered(status: Int(response.status.code), latency: latency, body: answer)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return .timedOut(latency: (ContinuousClock.now - start).seconds)
        } catch {
            return .failed(reason: "\(error)")
        }
    }

    /// Reads the whole body so the connection can be reused, keeping it only up to `limit` bytes.
    private static func readToEnd(_ body: HTTPClientResponse.Body, keepingAtMost limit: Int) async throws -> ByteBuffer? {
        var kept = ByteBuffer()
        var overflow = false
        for try await var chunk in body {
            if overflow { continue }
            if kept.readableBytes + chunk.readableBytes > limit {
                overflow = true
                kept.clear()
            } else {
                kept.writeBuffer(&chunk)
            }
        }
        return overflow ? nil : kept
    }

    /// The client's headers for the shadow, marked as a mirror; framing is the client library's.
    static func mirrorHeaders(_ original: HTTPHeaders, requestID: String) -> HTTPHeaders {
        var headers = original
        HopByHopHeaders.remove(from: &headers)
        for name in ["host", "content-length", "transfer-encoding", "expect"] { headers.remove(name: name) }
        headers.replaceOrAdd(name: "x-request-id", value: requestID)
        headers.replaceOrAdd(name: "x-turnout-shadow", value: "1")
        return headers
    }
}
