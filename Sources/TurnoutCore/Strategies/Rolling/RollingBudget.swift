/// How far a rolling update may stray from its desired replicas, in instances: Kubernetes'
/// arithmetic for a Deployment's `maxSurge` and `maxUnavailable` (`ResolveFenceposts`).
///
/// A percentage of the desired replicas rounds up for the surge and down for the
/// unavailability; when both come to zero, one instance may be unavailable, so the update can
/// still move.
public struct RollingBudget: Sendable, Equatable {
    /// The desired replicas of the new version.
    public var desired: Int
    /// Instances allowed above ``desired`` (all non-failed instances of both versions).
    public var surge: Int
    /// Instances allowed below ``desired`` among the available ones.
    public var unavailable: Int

    /// The budget for `desired` replicas.
    public init(desired: Int, maxSurge: ReplicaAmount, maxUnavailable: ReplicaAmount) {
        self.desired = desired
        let surge = Self.resolve(maxSurge, of: desired, roundingUp: true)
        let unavailable = Self.resolve(maxUnavailable, of: desired, roundingUp: false)
        self.surge = surge
        // Kubernetes' rule: with nothing to spare the update could never start.
        self.unavailable = surge == 0 && unavailable == 0 ? 1 : unavailable
    }

    /// Most instances of both versions together (starting, ready or draining).
    public var maxTotal: Int { desired + surge }

    /// Fewest available instances of both versions together; never below zero.
    public var minAvailable: Int { max(0, desired - unavailable) }

    private static func resolve(_ amount: ReplicaAmount, of desired: Int, roundingUp: Bool) -> Int {
        switch amount {
        case .count(let count):
            return count
        case .percent(let percent):
            // Integer arithmetic, so 25% of 4 is exactly 1 in both directions.
            let product = percent * desired
            return roundingUp ? (product + 99) / 100 : product / 100
        }
    }
}
