import Foundation

/// A reward reported for an earlier request.
package struct FeedbackItem: Sendable, Equatable {
    /// The request the reward is for.
    package var requestID: String
    /// The reward; must be finite.
    package var reward: Double
    /// When the reward was received.
    package var time: Date

    /// Creates a feedback item.
    package init(requestID: String, reward: Double, time: Date) {
        self.requestID = requestID
        self.reward = reward
        self.time = time
    }
}
