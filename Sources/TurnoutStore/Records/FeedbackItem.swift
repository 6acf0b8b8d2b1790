import Foundation

/// A reward reported for an earlier request.
public struct FeedbackItem: Sendable, Equatable {
    /// The request the reward is for.
    public var requestID: String
    /// The reward; must be finite.
    public var reward: Double
    /// When the reward was received.
    public var time: Date

    /// Creates a feedback item.
    public init(requestID: String, reward: Double, time: Date) {
        self.requestID = requestID
        self.reward = reward
        self.time = time
    }
}
