import Foundation
import NIOCore
import NIOHTTP1
import TurnoutCore
import TurnoutModels
import TurnoutStore

extension InferenceHandler {
    /// Answers with `{"error": message}`.
    func respondError(_ status: HTTPResponseStatus, _ message: String, headers: [(String, String)] = []) {
        respond(status, body: ByteBuffer(bytes: OpenInferenceCodec.errorBody(message)), headers: headers)
    }

    func respond(_ status: HTTPResponseStatus, json: String) {
        respond(status, body: ByteBuffer(string: json))
    }

    /// Answers from the gateway itself, then discards whatever is left of the request body.
    /// A nil `contentType` sends none (a 304 has no body to describe).
    func respond(
        _ status: HTTPResponseStatus,
        body: ByteBuffer,
        headers extra: [(String, String)] = [],
        contentType: String? = "application/json"
    ) {
        guard let context else { return }
        abandonUpstream()
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: "content-type", value: contentType) }
        headers.add(name: "content-length", value: String(body.readableBytes))
        headers.add(name: "x-request-id", value: exchange.requestID)
        headers.add(name: "x-turnout-version", value: exchange.version?.name ?? "none")
        addFeedbackToken(to: &headers)
        for (name, value) in extra where name.lowercased() != "content-type" { headers.add(name: name, value: value) }
        if state.localResponseStarted() == .announceClose { headers.add(name: "connection", value: "close") }
        exchange.status = Int(status.code)
        exchange.capture?.addResponse(body)
        exchange.mirror?.addResponse(body)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: exchange.clientVersion, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        finishResponse()
    }

    /// Refuses a body over the limit and closes the connection rather than read the rest of it.
    func rejectTooLarge() {
        switch state.requestTooLarge() {
        case .answerError:
            respondError(.payloadTooLarge, "request body exceeds the limit of \(exchange.maxBodyBytes) bytes (\(exchange.bodyLimitKey))")
        case .closeConnection:
            abandonUpstream()
            context?.close(promise: nil)
        }
    }

    /// Ends the response; the exchange is over once the request has been read to its end too.
    func finishResponse() {
        guard let context else { return }
        recordOutcome()
        let action = state.responseEnded(at: loop.now)
        loop.unwatch(self)
        // State is settled before writing, so nothing the write triggers sees a half-finished exchange.
        switch action {
        case .closeAfterEnd(let exchangeOver):
            if exchangeOver { clearExchange() }
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                // A client still sending would get a reset that can destroy this answer.
                if exchangeOver { context.close(promise: nil) } else { LingeringCloseHandler.close(context.channel) }
            }
        case .replayPipelined:
            clearExchange()
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            replayPipelined()
        case .resumeReads:
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            resumeClientReads()
        }
    }

    /// The request has been read to its end after its response was sent.
    func finishExchange() {
        loop.unwatch(self)
        clearExchange()
        replayPipelined()
    }

    /// Drops what the ended exchange kept; the state machine has already moved on.
    private func clearExchange() {
        pendingBody.removeAll(keepingCapacity: true)
        pendingBodyBytes = 0
        exchange = Exchange()
    }

    func recordOutcome() {
        guard let model = exchange.model else { return }
        let duration = loop.now - state.requestStart
        loop.recordRequest(model: model.config.name, version: exchange.version, status: exchange.status, duration: duration)
        if exchange.logsDecision, let writer = shared.writer, let decision = exchange.decision, let version = exchange.version {
            writer.enqueue(observation(model: model.config.name, version: version.name, decision: decision, duration: duration))
        }
        if let mirror = exchange.mirror {
            exchange.mirror = nil
            finishMirror(mirror, model: model.config.name, duration: duration)
        }
    }

    private func observation(model: String, version: String, decision: Decision, duration: TimeAmount) -> Observation {
        Observation(
            requestID: exchange.requestID,
            model: model,
            version: version,
            decision: decision,
            unitHash: exchange.unitHash,
            status: exchange.status,
            errorKind: exchange.errorKind,
            duration: duration,
            payload: exchange.capture?.sample(requestID: exchange.requestID)
        )
    }
}
