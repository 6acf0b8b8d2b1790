import NIOCore
import NIOHTTP1
import TurnoutCore
import TurnoutFlags
import TurnoutModels
import TurnoutStore

extension InferenceHandler {
    func receiveHead(_ head: HTTPRequestHead) {
        let snapshot = shared.snapshot.load(ordering: .acquiring)
        exchange = Exchange()
        state.requestHeadReceived(keepAlive: head.isKeepAlive, at: loop.now)
        exchange.requestID = requestID(from: head, limits: snapshot.limits)
        exchange.clientVersion = head.version
        let (path, query) = Self.splitURI(head.uri)
        let route = GatewayRoute(path: path)
        exchange.maxBodyBytes = snapshot.maxBodyBytes
        if route.isOFREP && snapshot.limits.maxOFREPContext < snapshot.maxBodyBytes {
            exchange.maxBodyBytes = snapshot.limits.maxOFREPContext
            exchange.bodyLimitKey = "limits.max_ofrep_context"
        }
        if let length = head.headers.first(name: "content-length"), let bytes = Int(length), bytes > exchange.maxBodyBytes {
            rejectTooLarge()
            return
        }
        if head.headers.first(name: "expect")?.lowercased() == "100-continue" { sendContinue() }
        if case .model(let name, let kind, let version) = route {
            routeModel(named: name, kind: kind, pinned: version, head: head, query: query, snapshot: snapshot)
        } else if let local = LocalRoute.match(route, head: head, path: path, shared: shared, snapshot: snapshot) {
            serveLocal(local)
        }
    }

    func receiveBody(_ buffer: ByteBuffer) {
        exchange.bodyBytes += buffer.readableBytes
        if exchange.bodyBytes > exchange.maxBodyBytes {
            rejectTooLarge()
            return
        }
        exchange.capture?.addRequest(buffer)
        exchange.mirror?.addRequest(buffer)
        switch state.bodyPartReceived() {
        case .forwardToUpstream:
            guard let upstream else { return }
            upstream.write(.body(.byteBuffer(buffer)))
            if exchange.retainsSentBody { exchange.sentBody.append(buffer) }
            if !upstream.isWritable { state.upstreamStoppedTakingBody(at: loop.now) }
        case .buffer(let whileAcquiring):
            pendingBody.append(buffer)
            pendingBodyBytes += buffer.readableBytes
            if whileAcquiring && pendingBodyBytes > Self.bufferHighWater { state.pauseClientReads() }
        case .discard:
            break
        }
    }

    func receiveEnd() {
        if exchange.mirror != nil { exchange.requestEndedAt = loop.now }
        switch state.requestEndReceived(at: loop.now) {
        case .forwardEnd:
            upstream?.write(.end(nil))
        case .routeOnBody:
            routeOnBody()
        case .answerLocally:
            if let local = exchange.local {
                answerLocal(local)
            } else {
                answerFromBuiltin()
            }
        case .exchangeOver:
            finishExchange()
        case .nothing:
            break
        }
    }

    private func routeModel(
        named name: Substring,
        kind: GatewayRoute.ModelRouteKind,
        pinned: Substring?,
        head: HTTPRequestHead,
        query: Substring,
        snapshot: GatewaySnapshot
    ) {
        guard let model = snapshot.models[String(name)] else {
            respondError(.notFound, "model '\(name)' not found")
            return
        }
        exchange.model = model
        if case .raw(let suffix) = kind, DotSegments.contains(in: suffix) {
            respondError(.badRequest, "raw paths may not contain '.' or '..' segments, plain or percent-encoded")
            return
        }
        if let allowed = kind.allowedMethods, !allowed.contains(head.method) {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            respondError(.methodNotAllowed, "use \(names) on this route", headers: [("allow", names)])
            return
        }
        exchange.routeKind = kind
        exchange.query = query
        if kind == .infer { exchange.inferenceHeaderLength = head.headers.first(name: "inference-header-content-length") }
        if kind.isInference, let writer = shared.writer {
            guard !writer.isSaturated else {
                writer.metrics.shedRequests.increment()
                respondError(.serviceUnavailable, "the decision log is full; retry shortly", headers: [("retry-after", "1")])
                return
            }
            exchange.logsDecision = true
            let log = model.config.log
            if log.sample > 0, Double.random(in: 0..<1, using: &loop.random) < log.sample {
                exchange.capture = PayloadCapture(limit: log.maxBytes)
            }
        }
        if let pinned {
            guard let version = model.versions[String(pinned)] else {
                respondError(.notFound, "model '\(name)' has no version '\(pinned)'")
                return
            }
            exchange.decision = Decision(primary: version.name, reason: .pinned, probability: 1)
            forward(to: version, head: head)
            return
        }
        if model.decisionNeedsBody && head.method == .POST {
            exchange.clientHead = head
            state.collectBodyForRouting()
            loop.watch(self)
            return
        }
        decide(model: model, unitKey: unitKey(of: model.config.unit, head: head, query: query), head: head)
    }

    private func routeOnBody() {
        guard let model = exchange.model, let head = exchange.clientHead else { return }
        let maxParameters = shared.snapshot.load(ordering: .relaxed).limits.maxParameters
        switch OIPParameter.parameters(in: pendingBody, inferenceHeaderLength: exchange.inferenceHeaderLength, maxCount: maxParameters) {
        case .success(let parameters):
            let key: String?
            if case .parameter(let name) = model.config.unit {
                key = OIPParameter.unitKey(parameters[name])
            } else {
                key = unitKey(of: model.config.unit, head: head, query: exchange.query)
            }
            decide(model: model, unitKey: key, head: head, parameters: parameters)
        case .failure(let problem):
            respondError(.badRequest, problem.message)
        }
    }

    private func decide(model: ModelRuntime, unitKey: String?, head: HTTPRequestHead, parameters: [String: InferenceParameter] = [:]) {
        if exchange.logsDecision, let unitKey { exchange.unitHash = UnitKeyHash.hash(unitKey) }
        var request = RoutingRequest(unitKey: unitKey)
        if model.policy.needsAttributes {
            request.attributes = Self.attributes(headers: head.headers, parameters: parameters)
        }
        let decision = model.policy.decide(request, random: &loop.random)
        exchange.decision = decision
        guard let version = model.versions[decision.primary] else {
            respondError(.internalServerError, "release names unknown version '\(decision.primary)'")
            return
        }
        if !decision.shadows.isEmpty, exchange.routeKind.isInference, let shadow = model.shadow, shadow.spec.mirrors(requestID: exchange.requestID) {
            startMirror(shadow, model: model, primary: version.name, head: head)
        }
        forward(to: version, head: head)
    }

    /// The attributes a policy sees: the OIP parameters that are strings, numbers or booleans,
    /// and the headers under lower-case names, the last of repeated ones, where no parameter has
    /// the name. Built in one dictionary sized up front, converting each parameter once.
    static func attributes(headers: HTTPHeaders, parameters: [String: InferenceParameter]) -> [String: JSONValue] {
        var attributes = [String: JSONValue](minimumCapacity: parameters.count + headers.count)
        for (name, parameter) in parameters {
            if let value = OIPParameter.attribute(parameter) { attributes[name] = value }
        }
        // Last header first, so a name already present came from a parameter or a later header.
        for (name, value) in headers.reversed() {
            let key = name.lowercased()
            if attributes[key] == nil { attributes[key] = .string(value) }
        }
        return attributes
    }

    /// The client's `x-request-id` when it is short and plain enough to keep, else a new one.
    private func requestID(from head: HTTPRequestHead, limits: ListenerLimits) -> String {
        if let id = head.headers.first(name: "x-request-id"), ClientRequestID.isAcceptable(id, maxLength: limits.maxRequestID) {
            return id
        }
        return loop.makeRequestID()
    }

    private func unitKey(of source: UnitKeySource, head: HTTPRequestHead, query: Substring) -> String? {
        switch source {
        case .none, .parameter: nil
        case .header(let name): head.headers.first(name: name)
        case .query(let name): QueryString.value(of: name, in: query)
        }
    }

    /// Tells a client waiting on `Expect: 100-continue` to send its body; the gateway takes the
    /// decision itself instead of passing the expectation to the upstream.
    private func sendContinue() {
        guard let context else { return }
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
    }

    static func splitURI(_ uri: String) -> (path: Substring, query: Substring) {
        guard let mark = uri.firstIndex(of: "?") else { return (Substring(uri), "") }
        return (uri[..<mark], uri[uri.index(after: mark)...])
    }
}
