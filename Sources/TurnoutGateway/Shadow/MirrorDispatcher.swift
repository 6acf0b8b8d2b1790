import NIOCore
import NIOHTTP1
import TurnoutModels
import TurnoutStats

/// The mirror's state on its event loop: per-model queues and counts in flight, and the calls
/// themselves. Everything here runs on that loop, so it needs no locks.
final class MirrorDispatcher {
    private let client: MirrorClient
    private let mirror: ShadowMirror
    private var queues: [String: CircularBuffer<ShadowJob>] = [:]
    private var inFlight: [String: Int] = [:]
    private var stopping = false
    private var drained: EventLoopPromise<Void>?
    private var nextInstance = 0

    init(client: MirrorClient, mirror: ShadowMirror) {
        self.client = client
        self.mirror = mirror
    }

    /// Starts the job, queues it behind its model's calls in flight, or drops it.
    func accept(_ job: ShadowJob) {
        guard !stopping else { return mirror.discard(job) }
        if inFlight[job.model, default: 0] < job.runtime.spec.concurrency {
            run(job)
        } else if queues[job.model, default: []].count < ShadowMirror.backlogPerModel {
            queues[job.model, default: []].append(job)
        } else {
            mirror.discard(job)
        }
    }

    /// Calls every shadow of the job at once and records each comparison.
    private func run(_ job: ShadowJob) {
        inFlight[job.model, default: 0] += 1
        let body = ShadowJob.joined(job.body)
        let primaryBody = ShadowJob.joined(job.primaryBody)
        let primary = ShadowOutputs.read(primaryBody, route: job.routeKind, output: job.runtime.spec.compare.output)
        var remaining = job.runtime.versions.count
        guard remaining > 0 else { return finish(job) }
        let request = VersionCall(
            route: job.routeKind, method: job.method, headers: job.headers, query: job.query, body: body,
            requestID: job.requestID, timeout: job.runtime.spec.timeout, maxBody: job.runtime.spec.maxBody
        )
        for version in job.runtime.versions {
            call(version, request) { result in
                // The sample first: once the pair is counted, a reader may expect its sample too.
                if let limit = job.logLimit {
                    self.mirror.ledger.keep(ShadowLedger.sample(of: result, job: job, version: version.name, limit: limit))
                }
                self.mirror.metrics.recordShadow(model: job.model, version: version.name, outcome: result.metricOutcome)
                self.mirror.ledger.record(job: job, shadow: version.name, result: result, primaryOutput: primary, primaryBody: primaryBody)
                remaining -= 1
                if remaining == 0 { self.finish(job) }
            }
        }
    }

    private func finish(_ job: ShadowJob) {
        inFlight[job.model, default: 1] -= 1
        mirror.finished(job)
        if !stopping, let next = queues[job.model]?.popFirst() { run(next) }
        if stopping, inFlight.values.allSatisfy({ $0 == 0 }) { drained?.succeed() }
    }

    /// One request to one version; `done` runs on the loop.
    func call(_ version: VersionRuntime, _ call: VersionCall, _ done: @escaping (ShadowCallResult) -> Void) {
        switch version.backend {
        case .builtin(let builtin, _):
            done(Self.callBuiltin(builtin, version: version, call))
        case .upstream(let group):
            let now = NIODeadline.now()
            let available = group.instances.filter { $0.isAvailable(at: now) }
            guard !available.isEmpty else { return done(.failed(reason: "no available instance")) }
            nextInstance &+= 1
            let instance = available[nextInstance % available.count]
            var headers = ShadowMirror.mirrorHeaders(call.headers, requestID: call.requestID)
            headers.replaceOrAdd(name: "host", value: instance.url.authority)
            let head = HTTPRequestHead(version: .http1_1, method: call.method, uri: version.paths.path(for: call.route, query: call.query), headers: headers)
            client.execute(head: head, body: call.body, to: instance, timeout: .nanoseconds(Int64(call.timeout * 1e9)), maxBody: call.maxBody, done)
        }
    }

    /// An in-process shadow answers on the loop, timed around the inference alone, as the
    /// primary's in-process answer is.
    private static func callBuiltin(_ builtin: BuiltinModel, version: VersionRuntime, _ call: VersionCall) -> ShadowCallResult {
        guard call.route == .infer || call.route == .predictV1 else { return .answered(status: 404, latency: 0, body: nil) }
        let inference = BuiltinInference(
            model: builtin.model, modelName: version.modelName, version: version.name, v1: call.route == .predictV1,
            inferenceHeaderLength: call.route == .infer ? call.headers.first(name: "inference-header-content-length") : nil)
        let began = NIODeadline.now()
        let outcome = inference.run(on: call.body)
        let latency = Double((NIODeadline.now() - began).nanoseconds) / 1e9
        switch outcome {
        case .success(let answer): return .answered(status: 200, latency: latency, body: ByteBuffer(bytes: answer.bytes))
        case .failure: return .answered(status: 400, latency: latency, body: nil)
        }
    }

    /// Drops the queued jobs, closes the idle connections, and completes `promise` once the
    /// calls in flight have ended.
    func stop(whenIdle promise: EventLoopPromise<Void>) {
        stopping = true
        drained = promise
        for queue in queues.values { for job in queue { mirror.discard(job) } }
        queues.removeAll()
        client.closeAll()
        if inFlight.values.allSatisfy({ $0 == 0 }) { promise.succeed() }
    }
}
