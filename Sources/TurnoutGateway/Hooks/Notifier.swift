import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle
import TurnoutCore

/// Delivers release notifications off the controller: ``send(_:to:)`` only queues, and the
/// service POSTs each queued notification once, retrying with backoff after a failure.
///
/// The queue is bounded (``capacity``): when receivers are slower than the events, new
/// notifications are dropped, counted in `turnout_notifications_total{outcome="dropped"}` and
/// logged, so the controller and the data plane never wait on a receiver. At most
/// ``concurrency`` deliveries run at once, so one hung receiver holds up only its own
/// notifications for at most its attempts' timeouts and backoffs.
final class Notifier: Service, Sendable {
    /// Notifications waiting for delivery; more are dropped.
    static let capacity = 256
    /// Deliveries in flight at once.
    static let concurrency = 8
    /// The largest answer read from a receiver (it is discarded).
    static let maxAnswerBytes = 64 << 10

    /// How deliveries are retried.
    struct Retry: Sendable {
        /// Attempts per notification, the first included.
        var attempts = 5
        /// The wait after the first failed attempt; it doubles after each, up to ``maxBackoff``.
        var backoff = 1.0
        var maxBackoff = 30.0
        /// How long one attempt may take, answer included.
        var timeout = 5.0

        /// The wait after failed attempt `attempt` (from 1).
        func delay(after attempt: Int) -> Double {
            min(maxBackoff, backoff * Double(1 << min(attempt - 1, 20)))
        }
    }

    /// One notification for one receiver.
    struct Delivery: Sendable {
        let url: String
        let body: [UInt8]
        let model: String
        let event: NotificationEvent
    }

    let retry: Retry
    private let call: HookCall
    private let metrics: GatewayMetrics
    private let logger: Logger
    private let queue: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation

    init(metrics: GatewayMetrics, logger: Logger, client: HTTPClient = .shared, retry: Retry = Retry()) {
        self.metrics = metrics
        self.logger = logger
        self.call = HookCall(client: client)
        self.retry = retry
        (queue, continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingOldest(Self.capacity))
    }

    /// Queues `notice` for every receiver that asked for its event; never waits.
    func send(_ notice: ReleaseNotice, to receivers: [NotificationSpec]) {
        for receiver in receivers where receiver.events.contains(notice.event) {
            let delivery = Delivery(url: receiver.url, body: notice.body(receiver.format), model: notice.model, event: notice.event)
            switch continuation.yield(delivery) {
            case .enqueued:
                continue
            case .dropped, .terminated:
                fallthrough
            @unknown default:
                metrics.recordNotification(model: notice.model, event: notice.event.rawValue, outcome: "dropped")
                logger.warning("notification \(notice.event.rawValue) of \(notice.model) to \(receiver.url) dropped: \(Self.capacity) notifications are waiting already")
            }
        }
    }

    /// Delivers until the gateway shuts down; notifications still queued then are not sent.
    func run() async {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                var inFlight = 0
                for await delivery in self.queue {
                    if inFlight == Self.concurrency {
                        await group.next()
                        inFlight -= 1
                    }
                    group.addTask { await self.deliver(delivery) }
                    inFlight += 1
                }
            }
        }
        continuation.finish()
    }

    /// POSTs one notification until a receiver takes it (2xx) or refuses it (4xx other than
    /// 408 and 429), retrying a failure, timeout or 5xx after a growing wait.
    private func deliver(_ delivery: Delivery) async {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "turnout/\(Gateway.version)")
        for attempt in 1...retry.attempts {
            request.body = .bytes(ByteBuffer(bytes: delivery.body))
            let problem: String
            switch await call.exchange(request, timeout: retry.timeout, maxBytes: Self.maxAnswerBytes) {
            case .success(let answer) where (200..<300).contains(answer.status):
                metrics.recordNotification(model: delivery.model, event: delivery.event.rawValue, outcome: "delivered")
                return
            case .success(let answer) where (400..<500).contains(answer.status) && answer.status != 408 && answer.status != 429:
                metrics.recordNotification(model: delivery.model, event: delivery.event.rawValue, outcome: "failed")
                logger.error("notification \(delivery.event.rawValue) of \(delivery.model): \(delivery.url) refused it with HTTP \(answer.status)")
                return
            case .success(let answer):
                problem = "HTTP \(answer.status)"
            case .failure(let failure):
                problem = failure.reason
            }
            guard attempt < retry.attempts, !Task.isCancelled else {
                metrics.recordNotification(model: delivery.model, event: delivery.event.rawValue, outcome: "failed")
                logger.error("notification \(delivery.event.rawValue) of \(delivery.model) to \(delivery.url) not delivered after \(attempt) attempts: \(problem)")
                return
            }
            logger.warning("notification \(delivery.event.rawValue) of \(delivery.model) to \(delivery.url) failed (\(problem)), retrying")
            try? await Task.sleep(for: .seconds(retry.delay(after: attempt)))
        }
    }
}
