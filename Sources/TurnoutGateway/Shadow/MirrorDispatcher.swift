import NIOCore
import NIOHTTP1
import TurnoutModels
import TurnoutStats

/// The mirror's state on its event loop: a lane per (model, shadow version) with its calls in
/// flight and waiting, and the calls themselves. Everything here runs on that loop, so it needs
/// no locks.
final class MirrorDispatcher {
    private struct LaneKey: Hashable {
        let model: String
        let shadow: String
    }

    /// One shadow's call for one mirrored job.
    private struct ShadowCall {
        let exchange: MirroredExchange
        let version: VersionRuntime
    }

    /// The mirror loop's upstream pools: the data plane's client, on the mirror's own loop.
    private let upstreams: LoopContext
    private let mirror: ShadowMirror
    private var lanes: [LaneKey: MirrorLane<ShadowCall>] = [:]
    private var stopping = false
    private var drained: EventLoopPromise<Void>?
    private var nextInstance = 0

    init(upstreams: LoopContext, mirror: ShadowMirror) {
        self.upstreams = upstreams
        self.mirror = mirror
    }

    /// Offers each of the job's shadows to its own lane, where the call starts, waits or is
    /// dropped without regard to the other shadows.
    func accept(_ job: ShadowJob) {
        mirror.arrived(job)
        guard !stopping else { return mirror.discard(job) }
        let exchange = MirroredExchange(job)
        let limits = MirrorLane<ShadowCall>.Limits(
            concurrency: job.runtime.spec.concurrency, backlog: ShadowMirror.backlogPerShadow, byteBudget: ShadowMirror.byteBudgetPerShadow
        )
        for version in job.runtime.versions {
            let key = LaneKey(model: job.model, shadow: version.name)
            let call = ShadowCall(exchange: exchange, version: version)
            switch lanes[key, default: MirrorLane()].admit(call, bytes: job.bytes, limits: limits) {
            case .start: run(call, lane: key)
            case .queued: break
            case .dropped: mirror.discard(job, shadow: version.name)
            }
        }
    }

    /// Calls one shadow and records its comparison with the primary.
    private func run(_ shadowCall: ShadowCall, lane key: LaneKey) {
        let exchange = shadowCall.exchange
        let job = exchange.job
        let version = shadowCall.version
        let request = VersionCall(
            route: job.routeKind, method: job.method, headers: job.headers, query: job.query, body: exchange.request,
            requestID: job.requestID, timeout: job.runtime.spec.timeout, maxBody: job.runtime.spec.maxBody
        )
        call(version, request) { result in
            // The sample first: once the pair is counted, a reader may expect its sample too.
            if let limit = job.logLimit {
                self.mirror.ledger.keep(ShadowLedger.sample(of: result, job: job, version: version.name, limit: limit))
            }
            self.mirror.metrics.recordShadow(model: job.model, version: version.name, outcome: result.metricOutcome)
            self.mirror.ledger.record(
                job: job, shadow: version.name, result: result, primaryOutput: exchange.primaryOutput, primaryBody: exchange.primaryBody
            )
            self.finish(lane: key, bytes: job.bytes)
        }
    }

    private func finish(lane key: LaneKey, bytes: Int) {
        let next = lanes[key]?.finish(bytes: bytes)
        if !stopping, let next { run(next, lane: key) }
        if stopping, lanes.values.allSatisfy({ $0.inFlight == 0 }) { drained?.succeed() }
    }

    /// One request to one version; `done` runs on the loop.
    func call(_ version: VersionRuntime, _ call: VersionCall, _ done: @escaping (ShadowCallResult) -> Void) {
        switch version.backend {
        case .builtin(let builtin, _):
            done(Self.callBuiltin(builtin, version: version, call))
        case .upstream(let group):
            let now = upstreams.now
            let available = group.instances.filter { $0.isAvailable(at: now) }
            guard !available.isEmpty else { return done(.failed(reason: "no available instance")) }
            nextInstance &+= 1
            let instance = available[nextInstance % available.count]
            var headers = ShadowMirror.mirrorHeaders(call.headers, requestID: call.requestID)
            headers.replaceOrAdd(name: "host", value: instance.hostHeader)
            let head = HTTPRequestHead(version: .http1_1, method: call.method, uri: version.paths.path(for: call.route, query: call.query), headers: headers)
            let pool = upstreams.pool(for: instance, config: group.config)
            ShadowUpstreamCall(head: head, body: call.body, maxBody: call.maxBody, loop: upstreams, done: done)
                .start(on: pool, timeout: .nanoseconds(Int64(call.timeout * 1e9)))
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
        for key in lanes.keys {
            for call in lanes[key]?.removeWaiting() ?? [] { mirror.discard(call.exchange.job, shadow: call.version.name) }
        }
        upstreams.closeEverything()
        if lanes.values.allSatisfy({ $0.inFlight == 0 }) { promise.succeed() }
    }
}
