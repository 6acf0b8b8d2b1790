/// What became of one ``FeedbackItem``.
package enum FeedbackResult: Sendable, Equatable {
    /// Stored, and counted for `version` of `model`, the version that answered the request.
    case recorded(model: String, version: String)
    /// No decision is stored under this request id; nothing was written.
    case notFound(requestID: String)
    /// The reward is NaN or infinite; nothing was written.
    case invalidReward(requestID: String)
    /// The request already got its default reward because no reward came within the wait;
    /// this late one is ignored.
    case late(requestID: String)
}
