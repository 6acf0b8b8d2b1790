extension BanditSpec {
    /// The routing for the current traffic shares: a fresh draw per request, or a sticky split
    /// by the shares when ``sticky`` is set.
    public func routingPolicy(shares: [VersionWeight], salt: String) -> any RoutingPolicy {
        sticky ? SplitPolicy(weights: shares, salt: salt) : RandomSplitPolicy(weights: shares, salt: salt)
    }
}
