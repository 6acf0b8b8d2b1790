import TurnoutFlags
import TurnoutStore

extension FeedbackAnswer {
    init(status: Int, json: JSONValue) {
        self.status = status
        self.json = json
    }

    /// The refusal of an item whose feedback token is missing or wrong.
    static func forbidden(_ problem: FeedbackTokenProblem, requestID: String) -> FeedbackAnswer {
        let message = switch problem {
        case .missing:
            "feedback tokens are required: send the \(FeedbackTokens.header) header of the inference answer as \"token\" (or as that header for a single object)"
        case .wrong:
            "the feedback token does not match request id '\(requestID)'"
        }
        return FeedbackAnswer(status: 403, json: .object(["status": .number(403), "request_id": .string(requestID), "error": .string(message)]))
    }

    /// One answer per item in the order sent: the store's results for the `accepted` items,
    /// refusals for the others.
    static func merging(
        _ results: [FeedbackResult], accepted: [Int], refused: [Int: FeedbackTokenProblem], items: [FeedbackItem]
    ) -> [FeedbackAnswer] {
        var answers: [FeedbackAnswer?] = Array(repeating: nil, count: items.count)
        for (index, problem) in refused { answers[index] = .forbidden(problem, requestID: items[index].requestID) }
        for (index, result) in zip(accepted, results) { answers[index] = FeedbackAnswer(result, requestID: items[index].requestID) }
        return answers.compactMap { $0 }
    }
}

/// Why an item's feedback token was not accepted.
enum FeedbackTokenProblem: Equatable {
    case missing
    case wrong
}

extension FeedbackRequest {
    /// The items whose token is missing or does not match their request id, by index. A single
    /// object may carry its token in the `x-turnout-feedback-token` header instead of the body.
    func itemsWithoutValidToken(_ tokens: FeedbackTokens, headerToken: String?) -> [Int: FeedbackTokenProblem] {
        var refused: [Int: FeedbackTokenProblem] = [:]
        for (index, item) in items.enumerated() {
            guard let token = item.token ?? (isBatch ? nil : headerToken) else {
                refused[index] = .missing
                continue
            }
            if !tokens.accepts(token, for: item.requestID) { refused[index] = .wrong }
        }
        return refused
    }
}
