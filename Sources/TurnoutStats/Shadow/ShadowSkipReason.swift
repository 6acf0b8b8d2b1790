/// Why a request was not mirrored to a shadow version at all.
public enum ShadowSkipReason: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    /// The request body is larger than the shadow's `max_body`.
    case bodyTooLarge = "body_too_large"
    /// The gateway chose not to compare this request (for example a response it cannot read
    /// as the model's protocol, such as a streamed or non-JSON answer).
    case notComparable = "not_comparable"
}
