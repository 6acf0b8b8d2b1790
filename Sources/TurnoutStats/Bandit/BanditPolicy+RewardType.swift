extension BanditPolicy {
    /// What the rewards look like; it selects Thompson sampling's posterior.
    public enum RewardType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Rewards in `[0, 1]` (conversions, or fractional scores such as accuracy): a Beta posterior.
        case bernoulli
        /// Unbounded real rewards: a normal posterior for the mean.
        case gaussian
    }
}
