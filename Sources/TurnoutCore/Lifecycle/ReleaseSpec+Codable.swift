/// Persisted as the strategy's name next to its spec's own keys, such as
/// `{"strategy": "single", "version": "v1"}` or
/// `{"strategy": "split", "weights": [{"version": "v1", "weight": 90}, ...]}`. Split weights are
/// a list rather than a mapping so their order, which the sticky split layout depends on,
/// survives a round trip.
extension ReleaseSpec: Codable {
    enum CodingKeys: String, CodingKey {
        case strategy
    }

    /// Decodes a spec written by ``encode(to:)``, with the registered strategy of that name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .strategy)
        guard let strategy = ReleaseStrategyName(rawValue: name).flatMap(StrategyRegistry.strategy(named:)) else {
            let known = ReleaseStrategyName.supported.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: .strategy, in: container,
                debugDescription: "unknown release strategy \(name) (known: \(known))"
            )
        }
        self = try Self.decode(strategy, from: decoder)
    }

    /// Encodes the strategy's name and, in the same object, its spec's keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(strategyName, forKey: .strategy)
        try strategy.encode(to: encoder)
    }

    private static func decode<Strategy: ReleaseStrategy>(_ strategy: Strategy.Type, from decoder: any Decoder) throws -> ReleaseSpec {
        ReleaseSpec(try Strategy.Spec(from: decoder))
    }
}
