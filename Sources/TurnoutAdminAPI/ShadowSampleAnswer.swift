import Foundation

/// One sampled mirrored request of a ``ShadowSamplesAnswer``.
public struct ShadowSampleAnswer: Sendable, Hashable, Codable {
    /// The request id (the primary's).
    public var requestID: String
    /// When the shadow's call ended, in seconds since 1970.
    public var time: Double
    /// The version that answered the client; nil when its decision is no longer stored.
    public var primary: String?
    /// The shadow version.
    public var shadow: String
    /// The status the client got; nil when no longer stored.
    public var primaryStatus: Int?
    /// How the shadow's call ended: `answered`, `timeout` or `failed`.
    public var outcome: String
    /// The shadow's status, when it answered.
    public var shadowStatus: Int?
    /// Whether the two agree (statuses, and top-1 labels of every row); nil when that cannot be told.
    public var agrees: Bool?
    /// How they differ, in a few words.
    public var difference: String
    /// The largest absolute difference of paired predictions, when both answers have them.
    public var maxPredictionDifference: Double?
    /// The request body as stored (text; possibly cut); nil when not stored.
    public var request: String?
    /// The primary's answer as stored (possibly cut); nil when not stored.
    public var primaryAnswer: String?
    /// The shadow's answer, or the reason it has none.
    public var shadowAnswer: String
    /// Whether any of the bodies was cut to `max_bytes`.
    public var truncated: Bool

    /// Creates a pair.
    public init(
        requestID: String, time: Double, primary: String?, shadow: String, primaryStatus: Int?, outcome: String, shadowStatus: Int?,
        agrees: Bool?, difference: String, maxPredictionDifference: Double?, request: String?, primaryAnswer: String?,
        shadowAnswer: String, truncated: Bool
    ) {
        self.requestID = requestID
        self.time = time
        self.primary = primary
        self.shadow = shadow
        self.primaryStatus = primaryStatus
        self.outcome = outcome
        self.shadowStatus = shadowStatus
        self.agrees = agrees
        self.difference = difference
        self.maxPredictionDifference = maxPredictionDifference.finite
        self.request = request
        self.primaryAnswer = primaryAnswer
        self.shadowAnswer = shadowAnswer
        self.truncated = truncated
    }

    enum CodingKeys: String, CodingKey {
        case time, primary, shadow, outcome, agrees, difference, request, truncated
        case requestID = "request_id"
        case primaryStatus = "primary_status"
        case shadowStatus = "shadow_status"
        case maxPredictionDifference = "max_prediction_difference"
        case primaryAnswer = "primary_answer"
        case shadowAnswer = "shadow_answer"
    }
}
