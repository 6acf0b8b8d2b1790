import Foundation
import NIOCore
import NIOHTTP1
import TurnoutFlags
import TurnoutStore

extension InferenceHandler {
    /// Answers `POST /v1/feedback` once the rewards are committed to the store.
    ///
    /// A single object is answered 200, or 404 when no decision has its request id; an array is
    /// answered 200 with one result per item, each with its own status. Malformed bodies get 400.
    func answerFeedback() {
        var body = Data()
        for part in pendingBody { body.append(contentsOf: part.readableBytesView) }
        pendingBody.removeAll(keepingCapacity: true)
        pendingBodyBytes = 0
        guard let writer = shared.writer else {
            respondError(.serviceUnavailable, "feedback needs a store, and this gateway runs with store: none")
            return
        }
        let request: FeedbackRequest
        switch FeedbackRequest.parse(body, maxItems: shared.snapshot.load(ordering: .relaxed).limits.maxFeedbackItems) {
        case .success(let parsed): request = parsed
        case .failure(let error):
            respondError(error.overLimit ? .payloadTooLarge : .badRequest, error.message)
            return
        }
        phase = .draining
        let refused = shared.feedbackTokens.map { request.itemsWithoutValidToken($0, headerToken: exchange.feedbackToken) } ?? [:]
        let accepted = request.items.indices.filter { refused[$0] == nil }
        let items = request.storeItems(at: Date())
        guard !accepted.isEmpty else {
            respondFeedback(FeedbackAnswer.merging([], accepted: [], refused: refused, items: items), batch: request.isBatch)
            return
        }
        let stored = accepted.map { items[$0] }
        let promise = loop.eventLoop.makePromise(of: [FeedbackResult].self)
        promise.completeWithTask { try await writer.recordFeedback(stored) }
        promise.futureResult.assumeIsolated().whenComplete { result in
            guard self.context != nil, !self.exchange.responseStarted else { return }
            switch result {
            case .success(let results):
                self.respondFeedback(FeedbackAnswer.merging(results, accepted: accepted, refused: refused, items: items), batch: request.isBatch)
            case .failure(let error): self.respondError(.serviceUnavailable, "\(error)", headers: [("retry-after", "1")])
            }
        }
    }

    private func respondFeedback(_ answers: [FeedbackAnswer], batch: Bool) {
        for (status, result) in [(200, "recorded"), (404, "not_found"), (409, "late"), (400, "invalid"), (403, "forbidden")] {
            shared.metrics.recordFeedback(result: result, count: answers.filter { $0.status == status }.count)
        }
        if !batch, let only = answers.first {
            respond(HTTPResponseStatus(statusCode: only.status), body: ByteBuffer(string: only.json.serialized()))
            return
        }
        let recorded = answers.filter { $0.status == 200 }.count
        var summary: [String: JSONValue] = [
            "recorded": .number(Double(recorded)),
            "not_found": .number(Double(answers.filter { $0.status == 404 }.count)),
            "late": .number(Double(answers.filter { $0.status == 409 }.count)),
            "results": .array(answers.map(\.json)),
        ]
        if shared.feedbackTokens != nil { summary["forbidden"] = .number(Double(answers.filter { $0.status == 403 }.count)) }
        respond(.ok, body: ByteBuffer(string: JSONValue.object(summary).serialized()))
    }
}

/// One feedback item's result as the client sees it.
struct FeedbackAnswer {
    let status: Int
    let json: JSONValue

    init(_ result: FeedbackResult, requestID: String) {
        switch result {
        case .recorded(let model, let version):
            status = 200
            json = .object(["status": .number(200), "request_id": .string(requestID), "model": .string(model), "version": .string(version)])
        case .notFound:
            status = 404
            json = .object([
                "status": .number(404), "request_id": .string(requestID),
                "error": .string("no decision is stored for request id '\(requestID)'"),
            ])
        case .late:
            status = 409
            json = .object([
                "status": .number(409), "request_id": .string(requestID),
                "error": .string("the reward came after the bandit's wait, so the default reward was counted for this request; this one is ignored"),
            ])
        case .invalidReward:
            status = 400
            json = .object(["status": .number(400), "request_id": .string(requestID), "error": .string("reward must be a finite number")])
        }
    }
}
