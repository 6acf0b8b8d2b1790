import NIOCore
import NIOHTTP1
import TurnoutStats

extension InferenceHandler {
    /// Starts keeping the request for the shadows; a body already read for routing is included.
    func startMirror(_ shadow: ShadowRuntime, model: ModelRuntime, primary: String, head: HTTPRequestHead) {
        guard let mirror = shared.mirror else { return }
        if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > shadow.spec.maxBody {
            mirror.skip(model: model.config.name, primary: primary, runtime: shadow, reason: .bodyTooLarge)
            return
        }
        var capture = MirrorCapture(runtime: shadow, head: head, routeKind: exchange.routeKind, query: exchange.query)
        for part in pendingBody { capture.addRequest(part) }
        // Sampled raw pairs follow the model's `log` setting: when this request's payload is
        // stored, so are the shadows' answers to it.
        if exchange.capture != nil { capture.logLimit = model.config.log.maxBytes }
        exchange.mirror = capture
        if state.requestEnded { exchange.requestEndedAt = loop.now }
    }

    /// Hands the finished exchange to the mirror, which never makes the client wait.
    func finishMirror(_ capture: MirrorCapture, model: String, duration: TimeAmount) {
        guard let mirror = shared.mirror, let primary = exchange.version?.name else { return }
        if let reason = capture.skipReason {
            mirror.skip(model: model, primary: primary, runtime: capture.runtime, reason: reason)
            return
        }
        guard state.requestEnded else {
            mirror.skip(model: model, primary: primary, runtime: capture.runtime, reason: .notComparable)
            return
        }
        mirror.offer(ShadowJob(
            model: model,
            runtime: capture.runtime,
            requestID: exchange.requestID,
            method: capture.method,
            headers: capture.headers,
            routeKind: capture.routeKind,
            query: capture.query,
            body: capture.request,
            primaryVersion: primary,
            primaryStatus: exchange.status,
            primaryLatency: Double((exchange.requestEndedAt.map { loop.now - $0 } ?? duration).nanoseconds) / 1e9,
            primaryBody: capture.response,
            logLimit: capture.logLimit
        ))
    }
}
