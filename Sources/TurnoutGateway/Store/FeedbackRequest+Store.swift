import Foundation
import TurnoutStore

// Kept apart from the parser so FeedbackRequest.swift needs only TurnoutFlags: the fuzz package
// compiles that one file with coverage instrumentation without building the store and its GRDB.
extension FeedbackRequest {
    /// The items as the store takes them, stamped with `time`.
    func storeItems(at time: Date) -> [FeedbackItem] {
        items.map { FeedbackItem(requestID: $0.requestID, reward: $0.reward, time: time) }
    }
}
