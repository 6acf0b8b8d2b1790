import AsyncHTTPClient
import Atomics
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import TurnoutStats

/// Replays mirrored requests against shadow versions off the request path.
///
/// The data plane offers jobs to a bounded queue and never waits: a full queue drops the job and
/// counts it. One consumer starts each job when its model has a free slot under the release's
/// `concurrency`, on its own HTTP client and connection pool, so shadows never take connections
/// or time from production traffic. Each call has the release's timeout, and responses are read
/// to the end so their connections are reused.
final class ShadowMirror: Service, Sendable {
    /// Jobs waiting for a slot; more are dropped.
    static let queueCapacity = 1_024

    let ledger: ShadowLedger
    private let jobs: AsyncStream<ShadowJob>
    private let queue: AsyncStream<ShadowJob>.Continuation
    private let client: HTTPClient
    private let limiter = ShadowLimiter()
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let nextInstance = ManagedAtomic<Int>(0)
    private let flushInterval: Duration

    init(ledger: ShadowLedger, metrics: GatewayMetrics, logger: Logger, flushInterval: Duration = .seconds(2)) {
        (jobs, queue) = AsyncStream.makeStream(of: ShadowJob.self, bufferingPolicy: .bufferingOldest(Self.queueCapacity))
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        // A refused connection fails the call at once (the shadow is down), rather than being
        // retried until the deadline and counted as a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(2))
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
        self.flushInterval = flushInterval
    }

    /// Queues a job without waiting; a full queue drops it and counts the drop for each shadow.
    func offer(_ job: ShadowJob) {
        if case .enqueued = queue.yield(job) { return }
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
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.consume() }
                group.addTask { await self.flushPeriodically() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.queue.finish()
        }
        queue.finish()
        await ledger.flush()
        try? await client.shutdown()
    }

    private func consume() async {
        await withDiscardingTaskGroup { group in
            for await job in jobs {
                await limiter.acquire(job.model, limit: job.runtime.spec.concurrency)
                group.addTask {
                    await self.execute(job)
                    await self.limiter.release(job.model)
                }
            }
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
        await withTaskGroup(of: Void.self) { group in
            for version in job.runtime.versions {
                group.addTask {
                    let result = await self.call(version, job: job, body: body)
                    self.metrics.recordShadow(model: job.model, version: version.name, outcome: result.metricOutcome)
                    self.ledger.record(job: job, shadow: version.name, result: result, primaryOutput: primary, primaryBody: primaryBody)
                }
            }
        }
    }

    private func call(_ version: VersionRuntime, job: ShadowJob, body: ByteBuffer) async -> ShadowCallResult {
        switch version.backend {
        case .builtin(let builtin, _):
            return Self.callBuiltin(builtin, version: version, route: job.routeKind, body: body)
        case .upstream(let group):
            return await callUpstream(group, version: version, job: job, body: body)
        }
    }

    private static func callBuiltin(_ builtin: BuiltinModel, version: VersionRuntime, route: GatewayRoute.ModelRouteKind, body: ByteBuffer) -> ShadowCallResult {
        let start = ContinuousClock.now
        guard route == .infer || route == .predictV1 else {
            return .answered(status: 404, latency: (ContinuousClock.now - start).seconds, body: nil)
        }
        let inference = BuiltinInference(model: builtin.model, modelName: version.modelName, version: version.name, v1: route == .predictV1)
        switch inference.run(on: body) {
        case .success(let bytes):
            return .answered(status: 200, latency: (ContinuousClock.now - start).seconds, body: ByteBuffer(bytes: bytes))
        case .failure:
            return .answered(status: 400, latency: (ContinuousClock.now - start).seconds, body: nil)
        }
    }

    private func callUpstream(_ group: UpstreamGroup, version: VersionRuntime, job: ShadowJob, body: ByteBuffer) async -> ShadowCallResult {
        let now = NIODeadline.now()
        let available = group.instances.filter { $0.isAvailable(at: now) }
        guard !available.isEmpty else { return .failed(reason: "no available instance") }
        let instance = available[nextInstance.loadThenWrappingIncrement(ordering: .relaxed) % available.count]
        var request = HTTPClientRequest(url: "http://\(instance.url.authority)\(version.paths.path(for: job.routeKind, query: job.query))")
        request.method = job.method
        request.headers = Self.mirrorHeaders(job.headers, requestID: job.requestID)
        request.body = .bytes(body)
        let timeout = job.runtime.spec.timeout
        let start = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)), logger: logger)
            let answer = try await Self.readToEnd(response.body, keepingAtMost: job.runtime.spec.maxBody)
            return .answered(status: Int(response.status.code), latency: (ContinuousClock.now - start).seconds, body: answer)
        } catch {
            let latency = (ContinuousClock.now - start).seconds
            if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
                return .timedOut(latency: latency)
            }
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
