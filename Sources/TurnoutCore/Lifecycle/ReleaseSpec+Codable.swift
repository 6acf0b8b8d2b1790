/// Persisted as `{"strategy": "single", "version": "v1"}`,
/// `{"strategy": "split", "weights": [{"version": "v1", "weight": 90}, ...]}` or
/// `{"strategy": "flag", "key": "...", "fallback": "v1"}`. Weights are a list rather than a
/// mapping so their order, which the sticky split layout depends on, survives a round trip.
extension ReleaseSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case strategy, version, weights, key, fallback
    }

    /// Decodes a spec written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let strategy = try container.decode(String.self, forKey: .strategy)
        switch strategy {
        case "single":
            self = .single(version: try container.decode(String.self, forKey: .version))
        case "split":
            self = .split(weights: try container.decode([VersionWeight].self, forKey: .weights))
        case "abtest":
            self = .abtest(try ABTestSpec(from: decoder))
        case "bandit":
            self = .bandit(try BanditSpec(from: decoder))
        case "shadow":
            self = .shadow(try ShadowSpec(from: decoder))
        case "canary":
            self = .canary(try CanarySpec(from: decoder))
        case "bluegreen":
            self = .bluegreen(try BlueGreenSpec(from: decoder))
        case "flag":
            self = .flag(
                key: try container.decode(String.self, forKey: .key),
                fallback: try container.decode(String.self, forKey: .fallback)
            )
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .strategy, in: container,
                debugDescription: "unknown release strategy \(strategy) (known: single, split, flag, abtest, bandit, shadow, canary, bluegreen)"
            )
        }
    }

    /// Encodes the spec with its strategy name and that strategy's fields.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(strategyName, forKey: .strategy)
        switch self {
        case .abtest(let test):
            // The test's own keys sit next to `strategy` in the same object.
            try test.encode(to: encoder)
        case .bandit(let bandit):
            try bandit.encode(to: encoder)
        case .shadow(let shadow):
            try shadow.encode(to: encoder)
        case .canary(let canary):
            try canary.encode(to: encoder)
        case .bluegreen(let blueGreen):
            try blueGreen.encode(to: encoder)
        case .single(let version):
            try container.encode(version, forKey: .version)
        case .split(let weights):
            try container.encode(weights, forKey: .weights)
        case .flag(let key, let fallback):
            try container.encode(key, forKey: .key)
            try container.encode(fallback, forKey: .fallback)
        }
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
