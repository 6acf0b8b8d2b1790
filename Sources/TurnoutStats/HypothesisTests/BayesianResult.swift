/// The outcome of the Bayesian effect model for one variant against control.
public struct BayesianResult: Sendable, Hashable {
    /// Posterior mean of the effect.
    public var effect: Double
    /// Equal-tailed credible interval with mass `1 - alpha`.
    public var interval: Interval
    /// Posterior standard deviation of the effect.
    public var standardError: Double
    /// Posterior probability that the variant is better than control.
    public var chanceToWin: Double
    /// Expected loss of shipping control (`control`) or the variant (`variant`), in effect units.
    public var risk: Risk

    /// A result from its parts.
    public init(effect: Double, interval: Interval, standardError: Double, chanceToWin: Double, risk: Risk) {
        self.effect = effect
        self.interval = interval
        self.standardError = standardError
        self.chanceToWin = chanceToWin
        self.risk = risk
    }

    /// Expected loss of choosing each arm: `E[max(δ, 0)]` for control, `E[max(-δ, 0)]` for the
    /// variant when higher is better (swapped for metrics where lower is better).
    public struct Risk: Sendable, Hashable, Codable {
        /// Expected loss if control is kept.
        public var control: Double
        /// Expected loss if the variant is shipped.
        public var variant: Double

        /// Risks from their parts.
        public init(control: Double, variant: Double) {
            self.control = control
            self.variant = variant
        }
    }
}
