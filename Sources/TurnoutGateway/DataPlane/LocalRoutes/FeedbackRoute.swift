import Foundation
import NIOCore
import NIOHTTP1
import TurnoutFlags
import TurnoutStore

/// `POST /v1/feedback`: rewards for earlier requests, committed to the store before the answer.
///
/// A single object is answered 200, or 404 when no decision has its request id; an array is
/// answered 200 with one result per item, each with its own status. Malformed bodies get 400.
struct FeedbackRoute {
    /// The `x-turnout-feedback-token` header of the request.
    let headerToken: String?

    /// What to do with a complete feedback body.
    enum Plan {
        /// Answer now: the body is refused, or no item is left to store.
        case answer(LocalAnswer, recorded: [FeedbackAnswer]?)
        /// Store these items, then answer with ``FeedbackBatch/answer(_:tokensConfigured:)``.
        case store(FeedbackBatch)
    }

    /// Parses the body and checks its tokens; `hasStore` is false when the gateway runs with
    /// `store: none`.
    func plan(body: Data, hasStore: Bool, maxItems: Int, tokens: FeedbackTokens?, now: Date) -> Plan {
        guard hasStore else {
            return .answer(.error(.serviceUnavailable, "feedback needs a store, and this gateway runs with store: none"), recorded: nil)
        }
        let request: FeedbackRequest
        switch FeedbackRequest.parse(body, maxItems: maxItems) {
        case .success(let parsed): request = parsed
        case .failure(let error):
            return .answer(.error(error.overLimit ? .payloadTooLarge : .badRequest, error.message), recorded: nil)
        }
        let refused = tokens.map { request.itemsWithoutValidToken($0, headerToken: headerToken) } ?? [:]
        let accepted = request.items.indices.filter { refused[$0] == nil }
        let batch = FeedbackBatch(isBatch: request.isBatch, accepted: accepted, refused: refused, items: request.storeItems(at: now))
        guard !accepted.isEmpty else {
            let answers = batch.answers([])
            return .answer(batch.answer(answers, tokensConfigured: tokens != nil), recorded: answers)
        }
        return .store(batch)
    }
}

/// Feedback items accepted for the store, and how to answer once they are stored.
struct FeedbackBatch {
    let isBatch: Bool
    let accepted: [Int]
    let refused: [Int: FeedbackTokenProblem]
    let items: [FeedbackItem]

    /// The items to store.
    var stored: [FeedbackItem] { accepted.map { items[$0] } }

    /// Every item's answer, given the store's results for the accepted ones.
    func answers(_ results: [FeedbackResult]) -> [FeedbackAnswer] {
        FeedbackAnswer.merging(results, accepted: accepted, refused: refused, items: items)
    }

    /// The answer to the request: a single object's own result, or a summary of the batch.
    func answer(_ answers: [FeedbackAnswer], tokensConfigured: Bool) -> LocalAnswer {
        if !isBatch, let only = answers.first {
            return .body(HTTPResponseStatus(statusCode: only.status), ByteBuffer(string: only.json.serialized()))
        }
        let recorded = answers.filter { $0.status == 200 }.count
        var summary: [String: JSONValue] = [
            "recorded": .number(Double(recorded)),
            "not_found": .number(Double(answers.filter { $0.status == 404 }.count)),
            "late": .number(Double(answers.filter { $0.status == 409 }.count)),
            "results": .array(answers.map(\.json)),
        ]
        if tokensConfigured { summary["forbidden"] = .number(Double(answers.filter { $0.status == 403 }.count)) }
        return .body(.ok, ByteBuffer(string: JSONValue.object(summary).serialized()))
    }

    /// Counts the answers in the gateway's feedback metrics.
    static func record(_ answers: [FeedbackAnswer], in metrics: GatewayMetrics) {
        for (status, result) in [(200, "recorded"), (404, "not_found"), (409, "late"), (400, "invalid"), (403, "forbidden")] {
            metrics.recordFeedback(result: result, count: answers.filter { $0.status == status }.count)
        }
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
