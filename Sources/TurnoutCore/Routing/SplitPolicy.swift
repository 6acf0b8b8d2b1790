import TurnoutStats

/// Divides traffic between versions by weight, sticky per unit key.
///
/// The ``StickyBucket/count`` buckets are laid over the cumulative weights in configuration order,
/// so a unit keeps its version while the weights stay the same, and when the last version's share
/// grows (a canary ramp) units already on it stay: only units from other versions move.
/// Requests without a unit key draw a bucket at random.
public struct SplitPolicy: RoutingPolicy {
    public let weights: [VersionWeight]
    /// For each version, the first bucket past its range, ascending.
    private let upperBounds: [Int]
    private let shares: [Double]
    private let salt: String

    /// Creates the policy; at least one weight must be above zero.
    public init(weights: [VersionWeight], salt: String) {
        precondition(weights.contains { $0.weight > 0 }, "a split needs a positive weight")
        let total = weights.reduce(0) { $0 + $1.weight }
        var cumulative = 0.0
        var bounds: [Int] = []
        for weight in weights {
            cumulative += weight.weight
            bounds.append(Int((cumulative / total * Double(StickyBucket.count)).rounded()))
        }
        bounds[bounds.count - 1] = StickyBucket.count
        self.weights = weights
        self.upperBounds = bounds
        self.shares = zip(bounds, [0] + bounds.dropLast()).map { Double($0 - $1) / Double(StickyBucket.count) }
        self.salt = salt
    }

    public func decide(_ request: RoutingRequest, random: inout SeededGenerator) -> Decision {
        if let key = request.unitKey {
            let index = versionIndex(bucket: StickyBucket.bucket(salt: salt, key: key))
            return Decision(primary: weights[index].version, reason: .sticky, probability: shares[index])
        }
        let index = versionIndex(bucket: Int(random.next(upperBound: UInt64(StickyBucket.count))))
        return Decision(primary: weights[index].version, reason: .random, probability: shares[index])
    }

    private func versionIndex(bucket: Int) -> Int {
        var index = 0
        while bucket >= upperBounds[index] { index += 1 }
        return index
    }
}
