import NIOHTTP1

extension InferenceHandler {
    /// Adds `x-turnout-feedback-token` to an answer whose decision is logged, when feedback
    /// tokens are configured; an upstream's own header of that name is replaced.
    func addFeedbackToken(to headers: inout HTTPHeaders) {
        guard exchange.logsDecision, let tokens = shared.feedbackTokens else { return }
        headers.replaceOrAdd(name: FeedbackTokens.header, value: tokens.token(for: exchange.requestID))
    }
}
