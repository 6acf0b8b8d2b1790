import Foundation
import TurnoutFlags

/// A parsed `POST /v1/feedback` body: one `{"request_id", "reward"}` object or an array of them.
struct FeedbackRequest: Equatable {
    /// The rewards, in the order sent.
    var items: [Item]
    /// Whether the body was an array, which is answered with one result per item.
    var isBatch: Bool

    struct Item: Equatable {
        var requestID: String
        var reward: Double
        /// The request's feedback token, when the item carries one.
        var token: String? = nil
    }

    /// The keys a feedback item may have.
    static let itemKeys = ["request_id", "reward", "token"]
    /// The largest reward magnitude accepted.
    static let maxRewardMagnitude = 1e12

    /// Parses and validates a body; the error names the first problem (and the item's index in an array).
    /// Arrays of more than `maxItems` are refused before any item is read.
    static func parse(_ body: Data, maxItems: Int) -> Result<FeedbackRequest, FeedbackRequestError> {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body)
        } catch {
            return .failure(FeedbackRequestError("the body is not JSON: \(error)"))
        }
        switch document {
        case .object:
            return item(document, label: "the body").map { FeedbackRequest(items: [$0], isBatch: false) }
        case .array(let values):
            guard !values.isEmpty else { return .failure(FeedbackRequestError("the array has no feedback items")) }
            guard values.count <= maxItems else {
                return .failure(FeedbackRequestError(
                    "at most \(maxItems) feedback items per request (limits.max_feedback_items), got \(values.count)", overLimit: true))
            }
            var items: [Item] = []
            items.reserveCapacity(values.count)
            for (index, value) in values.enumerated() {
                switch item(value, label: "item \(index)") {
                case .success(let item): items.append(item)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(FeedbackRequest(items: items, isBatch: true))
        default:
            return .failure(FeedbackRequestError(#"expected {"request_id": "...", "reward": 1.0} or an array of them"#))
        }
    }

    private static func item(_ value: JSONValue, label: String) -> Result<Item, FeedbackRequestError> {
        guard case .object(let fields) = value else {
            return .failure(FeedbackRequestError(#"\#(label): expected an object {"request_id": "...", "reward": 1.0}"#))
        }
        if let unknown = fields.keys.sorted().first(where: { !itemKeys.contains($0) }) {
            return .failure(FeedbackRequestError("\(label): unknown key \"\(unknown)\" (valid keys: \(itemKeys.joined(separator: ", ")))"))
        }
        guard let id = fields["request_id"] else { return .failure(FeedbackRequestError("\(label): request_id is missing")) }
        guard let requestID = id.stringValue, !requestID.isEmpty else {
            return .failure(FeedbackRequestError("\(label): request_id must be a non-empty string"))
        }
        guard let rewardValue = fields["reward"] else { return .failure(FeedbackRequestError("\(label): reward is missing")) }
        guard let reward = rewardValue.numberValue else {
            return .failure(FeedbackRequestError("\(label): reward must be a finite number, got \(rewardValue.serialized())"))
        }
        guard reward.isFinite else {
            return .failure(FeedbackRequestError("\(label): reward must be a finite number; this one overflows a 64-bit float"))
        }
        // Squares of larger rewards overflow the stored sums of squares.
        guard abs(reward) <= maxRewardMagnitude else {
            return .failure(FeedbackRequestError("\(label): reward must be between -1e12 and 1e12, got \(reward)"))
        }
        var token: String?
        if let value = fields["token"] {
            guard let text = value.stringValue else { return .failure(FeedbackRequestError("\(label): token must be a string")) }
            token = text
        }
        return .success(Item(requestID: requestID, reward: reward, token: token))
    }
}

/// Why a feedback body was refused.
struct FeedbackRequestError: Error, Equatable {
    let message: String
    /// The body is well formed but carries more items than allowed: 413 rather than 400.
    let overLimit: Bool

    init(_ message: String, overLimit: Bool = false) {
        self.message = message
        self.overLimit = overLimit
    }
}
