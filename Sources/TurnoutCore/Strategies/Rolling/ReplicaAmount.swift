/// A number of instances written either as a count or as a percentage of the rollout's desired
/// replicas, like Kubernetes' `maxSurge` and `maxUnavailable` (`1` or `"25%"`).
///
/// Stored and written as it is configured: a whole number, or a string ending in `%`.
public enum ReplicaAmount: Sendable, Equatable, Hashable, Codable {
    /// So many instances.
    case count(Int)
    /// So many percent of the desired replicas, from 0 to 100; ``RollingBudget`` rounds it.
    case percent(Int)

    /// Whether the amount is zero whatever the replicas.
    public var isZero: Bool {
        switch self {
        case .count(let count): count == 0
        case .percent(let percent): percent == 0
        }
    }

    /// The amount as configuration writes it: `1` or `"25%"`.
    var configJSON: String {
        switch self {
        case .count(let count): String(count)
        case .percent(let percent): "\"\(percent)%\""
        }
    }

    /// The amount for messages: `1` or `25%`.
    var text: String {
        switch self {
        case .count(let count): String(count)
        case .percent(let percent): "\(percent)%"
        }
    }

    /// `"25%"` for a percentage.
    init?(percentText text: String) {
        guard text.hasSuffix("%"), let percent = Int(text.dropLast()), (0...100).contains(percent) else { return nil }
        self = .percent(percent)
    }

    /// Decodes a whole number as a count and a string such as `"25%"` as a percentage.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            self = .count(count)
            return
        }
        let text = try container.decode(String.self)
        guard let amount = ReplicaAmount(percentText: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a count or a percentage such as \"25%\", got \(text)")
        }
        self = amount
    }

    /// Encodes the amount as configuration writes it: a number, or a string ending in `%`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .count(let count): try container.encode(count)
        case .percent: try container.encode(text)
        }
    }
}
