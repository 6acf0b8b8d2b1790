extension CheckOutcome: Codable {
    enum CodingKeys: String, CodingKey {
        case outcome, reason
    }

    /// Decodes an outcome written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let outcome = try container.decode(String.self, forKey: .outcome)
        switch outcome {
        case "pass": self = .pass
        case "fail": self = .fail(reason: try container.decode(String.self, forKey: .reason))
        case "inconclusive": self = .inconclusive(reason: try container.decode(String.self, forKey: .reason))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .outcome, in: container, debugDescription: "unknown check outcome \(outcome) (known: pass, fail, inconclusive)"
            )
        }
    }

    /// Encodes the outcome's name and, unless it passed, its reason.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .outcome)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
