/// A `split` release: requests divided by weight, sticky per unit key. Persisted as
/// `{"weights": [{"version": "v1", "weight": 90}, ...]}` beside the strategy's name.
public struct SplitSpec: StrategySpec {
    public static let strategyName = ReleaseStrategyName.split

    /// Each version's weight, in the order the sticky layout uses.
    public var weights: [VersionWeight]

    /// A split by `weights`.
    public init(weights: [VersionWeight]) {
        self.weights = weights
    }

    public var referencedVersions: [String] { weights.map(\.version) }

    /// The first version listed with a weight (list the stable version first).
    public var baselineVersion: String {
        weights.first { $0.weight > 0 }?.version ?? weights[0].version
    }

    public var soleVersion: String? {
        let live = weights.filter { $0.weight > 0 }
        return live.count == 1 ? live[0].version : nil
    }

    public var configJSON: String {
        let entries = weights.map { "\(ReleaseSpec.quoted($0.version)):\(ReleaseJSONText.number($0.weight))" }
        return #"{"strategy":"split","weights":{\#(entries.joined(separator: ","))}}"#
    }

    /// The version with the largest weight other than `stable`; a tie goes to the version
    /// listed last, the newest by convention.
    public func promotionTarget(stable: String?) -> String? {
        let candidates = weights.filter { $0.version != stable && $0.weight > 0 }
        let best = candidates.reversed().max { $0.weight < $1.weight }
        return best?.version ?? baselineVersion
    }

    public func makePolicy(salt: String, versions: Set<String>, flags: (any FlagSource)?) -> any RoutingPolicy {
        SplitPolicy(weights: weights, salt: salt)
    }
}

extension ReleaseSpec {
    /// A sticky split by `weights`.
    public static func split(weights: [VersionWeight]) -> ReleaseSpec {
        ReleaseSpec(SplitSpec(weights: weights))
    }
}
