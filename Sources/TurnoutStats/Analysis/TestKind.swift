/// Which statistical test an analysis runs.
public enum TestKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fixed-horizon Welch t-test: valid only when read once, at the planned sample size.
    case fixed
    /// Normal-mixture sequential test: valid at every look.
    case sequential
    /// Bayesian Gaussian effect model: chance to win, credible interval, risk.
    case bayesian
}
