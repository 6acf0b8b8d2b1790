/// How a multi-armed bandit splits traffic between arms (model versions) from the rewards so far.
///
/// A policy is a validated value: `choose(arms:random:)` makes one decision, as a simulator or a
/// per-request router would, and `shares(arms:random:draws:)` gives the traffic share each arm
/// should get in the next period, with a floor so that no arm is starved of evidence. Both are
/// pure functions of the arms' statistics and the generator, so a seeded generator reproduces them.
public struct BanditPolicy: Sendable, Hashable {
    /// The algorithm.
    public let kind: Kind
    /// For epsilon-greedy, the probability of exploring (choosing an arm uniformly at random).
    public let epsilon: Double
    /// For softmax, the temperature: lower values concentrate traffic on the best mean.
    public let temperature: Double
    /// What the rewards are: bounded in `[0, 1]` or unbounded; Thompson sampling's posterior depends on it.
    public let rewardType: RewardType
    /// The floor `f` on every arm's share of traffic in `shares`; it needs `K · f < 1` for `K` arms.
    public let minShare: Double

    /// A policy with the given settings, refused when a setting is outside its domain.
    ///
    /// - Throws: ``BanditError/invalidEpsilon(_:)`` unless `epsilon` is in `[0, 1]`,
    ///   ``BanditError/invalidTemperature(_:)`` unless `temperature` is positive and finite,
    ///   ``BanditError/invalidMinShare(_:)`` unless `minShare` is in `[0, 1)`.
    public init(
        kind: Kind,
        epsilon: Double = 0.1,
        temperature: Double = 0.1,
        rewardType: RewardType = .bernoulli,
        minShare: Double = 0.01
    ) throws(BanditError) {
        guard epsilon >= 0, epsilon <= 1 else { throw .invalidEpsilon(epsilon) }
        guard temperature > 0, temperature.isFinite else { throw .invalidTemperature(temperature) }
        guard minShare >= 0, minShare < 1 else { throw .invalidMinShare(minShare) }
        self.kind = kind
        self.epsilon = epsilon
        self.temperature = temperature
        self.rewardType = rewardType
        self.minShare = minShare
    }
}
