import Foundation
import NIOCore
import NIOHTTP1
import TurnoutFlags
import TurnoutStore

extension InferenceHandler {
    /// Starts serving a route the gateway answers itself: at once when the head is enough,
    /// else once the body has arrived (``answerLocal(_:)`` from `receiveEnd`).
    func serveLocal(_ route: LocalRoute) {
        switch route {
        case .answer(let answer):
            respond(answer)
        case .ofrep, .feedback:
            exchange.local = route
            state.awaitBodyForLocalAnswer()
        }
    }

    /// Answers a local route whose body has arrived.
    func answerLocal(_ route: LocalRoute) {
        switch route {
        case .answer(let answer):
            respond(answer)
        case .ofrep(let call):
            guard context != nil else { return }
            let body = takePendingBody()
            let flags = shared.flags?.flags ?? FlagSet()
            respond(call.answer(body: body, flags: flags, token: shared.ofrepToken, now: Date().timeIntervalSince1970))
        case .feedback(let feedback):
            answerFeedback(feedback)
        }
    }

    func respond(_ answer: LocalAnswer) {
        switch answer {
        case .error(let status, let message, let headers):
            respondError(status, message, headers: headers)
        case .body(let status, let body, let headers, let contentType):
            respond(status, body: body, headers: headers, contentType: contentType)
        }
    }

    /// The buffered request body as one piece; the buffer is emptied.
    private func takePendingBody() -> Data {
        var body = Data()
        for part in pendingBody { body.append(contentsOf: part.readableBytesView) }
        pendingBody.removeAll(keepingCapacity: true)
        pendingBodyBytes = 0
        return body
    }

    /// Answers `POST /v1/feedback` once the rewards are committed to the store.
    private func answerFeedback(_ feedback: FeedbackRoute) {
        let body = takePendingBody()
        let plan = feedback.plan(
            body: body,
            hasStore: shared.writer != nil,
            maxItems: shared.snapshot.load(ordering: .relaxed).limits.maxFeedbackItems,
            tokens: shared.feedbackTokens,
            now: Date()
        )
        switch plan {
        case .answer(let answer, let recorded):
            if let recorded {
                state.answerInProgress()
                FeedbackBatch.record(recorded, in: shared.metrics)
            }
            respond(answer)
        case .store(let batch):
            guard let writer = shared.writer else { return }
            state.answerInProgress()
            let stored = batch.stored
            let tokensConfigured = shared.feedbackTokens != nil
            let promise = loop.eventLoop.makePromise(of: [FeedbackResult].self)
            promise.completeWithTask { try await writer.recordFeedback(stored) }
            promise.futureResult.assumeIsolated().whenComplete { result in
                guard self.context != nil, !self.state.responseStarted else { return }
                switch result {
                case .success(let results):
                    let answers = batch.answers(results)
                    FeedbackBatch.record(answers, in: self.shared.metrics)
                    self.respond(batch.answer(answers, tokensConfigured: tokensConfigured))
                case .failure(let error):
                    // Nothing was stored: the client is told to send it again, so a reward is never acknowledged and lost.
                    self.shared.metrics.recordFeedback(result: "unavailable", count: stored.count)
                    self.respondError(.serviceUnavailable, "\(error)", headers: [("retry-after", "1")])
                }
            }
        }
    }
}
