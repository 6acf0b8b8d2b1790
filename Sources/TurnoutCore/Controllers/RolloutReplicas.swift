/// The configured `replicas` of the two `process` versions a rolling or recreate release moves
/// between: how many `from` runs before (and after a rollback), how many `to` runs after.
package struct RolloutReplicas: Sendable, Equatable {
    /// `replicas` of the version being replaced.
    package var from: Int
    /// `replicas` of the version replacing it: the rollout's desired count.
    package var to: Int

    /// Counts as they are.
    package init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// The replicas of `from` and `to` in `model`; `nil` unless both are `process` versions.
    package init?(from: String, to: String, in model: ModelConfig) {
        guard let old = model.version(named: from)?.process, let new = model.version(named: to)?.process else { return nil }
        self.init(from: old.replicas, to: new.replicas)
    }
}
