extension BanditPolicy {
    /// A bandit algorithm; the raw values are the names used in configuration and on the command line.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Thompson sampling: choose each arm with the posterior probability that it is the best.
        case thompson
        /// UCB1 (Auer, Cesa-Bianchi and Fischer, 2002): the highest upper confidence bound
        /// `mean + √(2 ln t / n)`, every untried arm first.
        case ucb1
        /// Epsilon-greedy: with probability epsilon any arm uniformly at random, otherwise the best mean.
        case epsilonGreedy = "epsilon_greedy"
        /// Softmax (Boltzmann) exploration: arm `i` with probability `∝ exp(mean_i / temperature)`.
        case softmax
    }
}
