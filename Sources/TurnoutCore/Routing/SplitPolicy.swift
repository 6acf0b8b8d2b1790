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

    /// Creates the policy from at least one weight.
    ///
    /// Parsing guarantees finite weights from 0 to ``ConfigBounds/maxWeight`` with one above zero;
    /// weights computed at run time (a bandit's shares) may not be so tidy, so the policy never
    /// traps: a negative or non-finite weight counts as zero, and when none is above zero every
    /// version gets an equal share.
    public init(weights: [VersionWeight], salt: String) {
        precondition(!weights.isEmpty, "a split needs at least one version")
        let scaled = Self.scaledWeights(weights)
        let total = scaled.reduce(0, +)
        var cumulative = 0.0
        var bounds: [Int] = []
        for weight in scaled {
            cumulative += weight
            bounds.append(Int((min(1, cumulative / total) * Double(StickyBucket.count)).rounded()))
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

    /// Each weight as a finite number of 0 or more (all ones when none is above zero), divided
    /// by the largest when their sum would not be finite.
    private static func scaledWeights(_ weights: [VersionWeight]) -> [Double] {
        let usable = weights.map { $0.weight.isFinite && $0.weight > 0 ? $0.weight : 0 }
        guard let largest = usable.max(), largest > 0 else { return Array(repeating: 1, count: usable.count) }
        return usable.reduce(0, +).isFinite ? usable : usable.map { $0 / largest }
    }
}
