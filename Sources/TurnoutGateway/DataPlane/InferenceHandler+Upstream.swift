import NIOCore
import NIOHTTP1
import TurnoutCore

extension InferenceHandler {
    /// Sends the request to one instance of `version`.
    func forward(to version: VersionRuntime, head: HTTPRequestHead) {
        exchange.version = version
        switch version.backend {
        case .upstream(let group):
            guard let instance = group.pick(on: loop, at: loop.now) else {
                if let hold = exchange.model?.hold {
                    holdForInstance(hold, head: head)
                } else {
                    fail(.noInstance)
                }
                return
            }
            state.upstreamChosen(timeouts: group.config.timeouts)
            send(head, to: instance, of: version, in: group)
        case .builtin:
            exchange.clientHead = nil
            if state.answerLocallyAfterBody() == .answerNow { answerFromBuiltin() }
        }
    }

    /// Sends the request to `instance`, once its time limits are set.
    func send(_ head: HTTPRequestHead, to instance: UpstreamInstance, of version: VersionRuntime, in group: UpstreamGroup) {
        exchange.upstreamHead = upstreamHead(for: head, path: version.paths.path(for: exchange.routeKind, query: exchange.query))
        exchange.clientHead = nil
        loop.watch(self)
        acquire(from: instance, in: group)
    }

    private func acquire(from instance: UpstreamInstance, in group: UpstreamGroup) {
        exchange.upstreamHead?.headers.replaceOrAdd(name: "host", value: instance.hostHeader)
        let pool = loop.pool(for: instance, config: group.config)
        self.pool = pool
        state.acquiringUpstream(at: loop.now)
        if case .ready(let connection) = pool.acquire(for: self) {
            // Inside a client read, channelReadComplete flushes head, body and end in one write.
            attach(connection, flush: !state.inClientRead)
        }
    }

    /// After a refused connection, tries another instance: nothing reached the upstream, so even a
    /// non-idempotent request is safe to send again, and its body is still buffered.
    private func retryElsewhere(after failed: UpstreamInstance) -> Bool {
        guard let version = exchange.version, case .upstream(let group) = version.backend else { return false }
        exchange.failedInstances.append(failed.id)
        guard let next = group.pick(on: loop, at: loop.now, excluding: exchange.failedInstances) else { return false }
        acquire(from: next, in: group)
        return true
    }

    func isWaiting(on pool: UpstreamPool) -> Bool {
        state.isAcquiring && self.pool === pool
    }

    /// A connection became available later (a new connection, or one released by another exchange).
    func upstreamAcquired(_ connection: UpstreamConnection) {
        guard state.isAcquiring, exchange.upstreamHead != nil else {
            connection.pool.reinsert(connection)
            return
        }
        attach(connection, flush: true)
    }

    private func attach(_ connection: UpstreamConnection, flush: Bool) {
        guard let head = exchange.upstreamHead else { return }
        upstream = connection
        connection.exchange = self
        state.upstreamAttached(at: loop.now)
        // The body is kept only while a failure could still be answered by sending it again.
        exchange.retainsSentBody = UpstreamPoolPolicy.replacesStaleConnection(
            reused: connection.exchangesServed > 0, answerStarted: false, alreadyReplaced: exchange.replacedStaleConnection)
        connection.write(.head(head))
        while let part = pendingBody.popFirst() {
            connection.write(.body(.byteBuffer(part)))
            if exchange.retainsSentBody { exchange.sentBody.append(part) }
        }
        pendingBodyBytes = 0
        if state.requestEnded { connection.write(.end(nil)) }
        if flush { connection.flush() }
        if connection.isWritable {
            resumeClientReads()
        } else {
            state.upstreamStoppedTakingBody(at: loop.now, restartingClock: true)
        }
    }

    func upstreamUnavailable(_ error: UpstreamError) {
        guard state.isAcquiring, let failed = pool?.instance else { return }
        pool?.cancel(self)
        pool = nil
        if case .connectFailed = error, retryElsewhere(after: failed) { return }
        fail(error)
    }

    func upstreamResponseHead(_ head: HTTPResponseHead) {
        guard let context else { return }
        exchange.retainsSentBody = false
        exchange.sentBody.removeAll()
        exchange.status = Int(head.status.code)
        var headers = head.headers
        HopByHopHeaders.remove(from: &headers)
        headers.replaceOrAdd(name: "x-request-id", value: exchange.requestID)
        headers.replaceOrAdd(name: "x-turnout-version", value: exchange.version?.name ?? "none")
        addFeedbackToken(to: &headers)
        // An HTTP/1.0 client cannot read chunked framing: the end of the body is the close.
        let endsByClose = exchange.clientVersion.minor == 0 && !headers.contains(name: "content-length")
        if state.upstreamResponseHeadReceived(endsByClose: endsByClose, at: loop.now) == .announceClose {
            headers.add(name: "connection", value: "close")
        }
        let response = HTTPResponseHead(version: exchange.clientVersion, status: head.status, headers: headers)
        context.write(wrapOutboundOut(.head(response)), promise: nil)
    }

    func upstreamResponseBody(_ buffer: ByteBuffer) {
        guard let context else { return }
        state.upstreamBodyReceived(at: loop.now)
        exchange.capture?.addResponse(buffer)
        exchange.mirror?.addResponse(buffer)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if !context.channel.isWritable, let upstream, !upstream.readsPaused {
            upstream.pauseReads()
            state.clientStoppedTakingResponse(at: loop.now)
        }
    }

    /// The client can take more of the response: read from the upstream again.
    func clientWritable() {
        guard let upstream, upstream.readsPaused else { return }
        state.clientTakesResponseAgain(at: loop.now)
        upstream.resumeReads()
    }

    func upstreamReadComplete() {
        context?.flush()
    }

    func upstreamResponseEnd(reusable: Bool) {
        if let connection = upstream {
            upstream = nil
            // A connection that answered before the whole request body went out cannot carry another request.
            pool?.release(connection, reusable: UpstreamPoolPolicy.isReusable(keepAlive: reusable, requestSent: state.requestEnded))
        }
        pool = nil
        finishResponse()
    }

    func upstreamWritabilityChanged(isWritable: Bool) {
        guard isWritable else { return }
        if state.upstreamWritable(at: loop.now) == .readClient { context?.read() }
    }

    func upstreamFailed(_ error: UpstreamError) {
        upstream = nil
        let failedPool = pool
        pool?.cancel(self)
        pool = nil
        if case .connectionClosed = error, exchange.retainsSentBody, let failedPool {
            replaceStaleConnection(from: failedPool)
            return
        }
        fail(error)
    }

    /// A reused keep-alive connection closed before any answer: the upstream most likely closed
    /// it as idle just as the request went out. The request is sent again, once, on a new
    /// connection to the same instance; the body parts sent so far were kept for this.
    private func replaceStaleConnection(from pool: UpstreamPool) {
        exchange.replacedStaleConnection = true
        exchange.retainsSentBody = false
        var body = CircularBuffer(exchange.sentBody)
        exchange.sentBody.removeAll()
        while let part = pendingBody.popFirst() { body.append(part) }
        pendingBody = body
        pendingBodyBytes = body.reduce(0) { $0 + $1.readableBytes }
        self.pool = pool
        state.acquiringUpstream(at: loop.now)
        if case .ready(let connection) = pool.acquire(for: self, fresh: true) {
            attach(connection, flush: !state.inClientRead)
        }
    }

    /// Drops the upstream side of the exchange: the connection cannot be reused mid-exchange.
    func abandonUpstream() {
        if let connection = upstream {
            upstream = nil
            connection.close()
            pool?.cancel(self)
        } else if state.isAcquiring {
            pool?.cancel(self)
        }
        pool = nil
    }

    /// Answers with the error's status, or cuts the connection if the response already started.
    func fail(_ error: UpstreamError) {
        exchange.errorKind = error.metricReason
        if let model = exchange.model {
            loop.metrics.recordUpstreamError(model: model.config.name, version: exchange.version?.name ?? "none", reason: error.metricReason)
        }
        abandonUpstream()
        switch state.exchangeFailed() {
        case .answerError:
            respondError(HTTPResponseStatus(statusCode: error.status), error.message)
        case .closeConnection:
            exchange.status = error.status
            recordOutcome()
            context?.close(promise: nil)
        }
    }

    /// Called by the loop's sweep: enforces the connect, read, write and total time limits.
    func checkDeadlines(now: NIODeadline) {
        if state.isHolding {
            checkHold(now: now)
            return
        }
        if let timeout = state.upstreamTimeout(at: now) { fail(timeout) }
    }

    private func upstreamHead(for head: HTTPRequestHead, path: String) -> HTTPRequestHead {
        UpstreamRequestHead.make(
            from: head, path: path, requestID: exchange.requestID, clientAddress: clientAddress, forwardedElement: forwardedElement)
    }
}

extension InferenceHandler: UpstreamExchange {}
