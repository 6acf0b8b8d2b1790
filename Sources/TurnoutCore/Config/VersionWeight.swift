/// A version's relative share of traffic.
public struct VersionWeight: Sendable, Equatable {
    /// The version's name.
    public var version: String
    /// A non-negative relative weight; shares are weight / sum of weights.
    public var weight: Double

    /// Creates a weight.
    public init(version: String, weight: Double) {
        self.version = version
        self.weight = weight
    }
}

/// Persisted as `{"version": "v1", "weight": 90}`.
extension VersionWeight: Codable {
    enum CodingKeys: String, CodingKey {
        case version, weight
    }

    /// Decodes a weight written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decode(String.self, forKey: .version),
            weight: try container.decode(Double.self, forKey: .weight)
        )
    }

    /// Encodes the version and its weight.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(weight, forKey: .weight)
    }
}
