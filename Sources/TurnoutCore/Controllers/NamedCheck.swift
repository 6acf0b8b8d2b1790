/// A check's outcome with the check's name, as the release controllers receive it.
///
/// The gateway maps each statistics result into one of these. Encoded flat:
/// `{"name": "error_rate", "outcome": "fail", "reason": "..."}`.
public struct NamedCheck: Sendable, Equatable, Hashable, Codable {
    /// The canary's error rate against the stable version's, and its absolute ceiling.
    public static let errorRate = "error_rate"
    /// The canary's latency against the stable version's.
    public static let latency = "latency"
    /// The canary's reward from feedback against the stable version's.
    public static let reward = "reward"
    /// The smoke tests of a blue-green preview.
    public static let smoke = "smoke"
    /// The pre-promotion analysis of a blue-green preview on mirrored traffic.
    public static let prePromotion = "pre_promotion"

    /// The check's name, such as ``errorRate``.
    public var name: String
    /// What the check found.
    public var outcome: CheckOutcome

    /// Creates a named outcome.
    public init(name: String, outcome: CheckOutcome) {
        self.name = name
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Decodes a check written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name), outcome: try CheckOutcome(from: decoder))
    }

    /// Encodes the name next to the outcome's own keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try outcome.encode(to: encoder)
    }
}
