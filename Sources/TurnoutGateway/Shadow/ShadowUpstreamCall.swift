import NIOCore
import NIOHTTP1

/// One mirrored call to a shadow instance, made through the data plane's ``UpstreamPool`` on the
/// mirror's loop: it sends the whole request once it holds a connection, reads the whole answer
/// (keeping at most `maxBody` bytes, so the connection can be reused) and reports how the call
/// ended, once. `timeout` covers the whole call, waiting for a connection included.
///
/// The pool's rules apply as on the data plane (``UpstreamPoolPolicy``): the version's
/// `idle_timeout` and `timeouts.connect`, reuse only after a complete exchange, and a reused
/// connection the shadow closed before any answer replaced once.
final class ShadowUpstreamCall: UpstreamExchange {
    private let head: HTTPRequestHead
    private let body: ByteBuffer
    private let maxBody: Int
    private let loop: LoopContext
    private let started: NIODeadline
    /// Set until the call has ended; the result is reported once.
    private var done: ((ShadowCallResult) -> Void)?
    private var pool: UpstreamPool?
    private var connection: UpstreamConnection?
    /// Holds the call alive until it ends or times out.
    private var timer: Scheduled<Void>?
    private var status = 0
    private var answer = ByteBuffer()
    private var overflow = false
    private var reused = false
    private var replacedStale = false

    init(head: HTTPRequestHead, body: ByteBuffer, maxBody: Int, loop: LoopContext, done: @escaping (ShadowCallResult) -> Void) {
        var head = head
        head.headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        self.head = head
        self.body = body
        self.maxBody = maxBody
        self.loop = loop
        self.started = loop.now
        self.done = done
    }

    /// Asks `pool` for a connection and sends the call on it.
    func start(on pool: UpstreamPool, timeout: TimeAmount) {
        timer = loop.eventLoop.assumeIsolated().scheduleTask(in: timeout) { self.timedOut() }
        acquire(from: pool, fresh: false)
    }

    private func acquire(from pool: UpstreamPool, fresh: Bool) {
        self.pool = pool
        if case .ready(let connection) = pool.acquire(for: self, fresh: fresh) { send(on: connection) }
    }

    private func send(on connection: UpstreamConnection) {
        self.connection = connection
        connection.exchange = self
        reused = connection.exchangesServed > 0
        status = 0
        answer.clear()
        overflow = false
        connection.write(.head(head))
        connection.write(.body(.byteBuffer(body)))
        connection.write(.end(nil))
        connection.flush()
    }

    // MARK: UpstreamExchange

    func isWaiting(on pool: UpstreamPool) -> Bool {
        done != nil && connection == nil && self.pool === pool
    }

    func upstreamAcquired(_ connection: UpstreamConnection) {
        guard done != nil, self.connection == nil else { return connection.pool.reinsert(connection) }
        send(on: connection)
    }

    func upstreamUnavailable(_ error: UpstreamError) {
        guard let pool else { return }
        pool.cancel(self)
        self.pool = nil
        finish(.failed(reason: "cannot connect to \(pool.instance.url.authority): \(error)"))
    }

    func upstreamResponseHead(_ head: HTTPResponseHead) {
        status = Int(head.status.code)
    }

    func upstreamResponseBody(_ buffer: ByteBuffer) {
        // Read to the end so the connection can be reused; keep only what may be compared.
        if overflow { return }
        if answer.readableBytes + buffer.readableBytes > maxBody {
            overflow = true
            answer.clear()
        } else {
            var part = buffer
            answer.writeBuffer(&part)
        }
    }

    func upstreamReadComplete() {}

    func upstreamResponseEnd(reusable: Bool) {
        if let connection {
            self.connection = nil
            // The whole request was written before the answer was read: the exchange is complete.
            pool?.release(connection, reusable: UpstreamPoolPolicy.isReusable(keepAlive: reusable, requestSent: true))
        }
        pool = nil
        finish(.answered(status: status, latency: seconds(since: started), body: overflow ? nil : answer))
    }

    func upstreamWritabilityChanged(isWritable: Bool) {}

    func upstreamFailed(_ error: UpstreamError) {
        connection = nil
        let failedPool = pool
        pool?.cancel(self)
        pool = nil
        if let failedPool, UpstreamPoolPolicy.replacesStaleConnection(reused: reused, answerStarted: status != 0, alreadyReplaced: replacedStale) {
            replacedStale = true
            acquire(from: failedPool, fresh: true)
            return
        }
        finish(.failed(reason: "the shadow closed the connection"))
    }

    // MARK: Ending

    private func timedOut() {
        timer = nil
        guard done != nil else { return }
        if let connection {
            // Closing first detaches the call, so the close is not reported back as a failure.
            self.connection = nil
            connection.close()
        }
        pool?.cancel(self)
        pool = nil
        finish(.timedOut(latency: seconds(since: started)))
    }

    private func finish(_ result: ShadowCallResult) {
        guard let done else { return }
        self.done = nil
        timer?.cancel()
        timer = nil
        answer = ByteBuffer()
        done(result)
    }

    private func seconds(since start: NIODeadline) -> Double {
        Double((loop.now - start).nanoseconds) / 1e9
    }
}
