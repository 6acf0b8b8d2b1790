/// The outcome of a frequentist test (fixed-horizon or sequential) of one variant against control.
public struct FrequentistResult: Sendable, Hashable {
    /// The point estimate of the effect.
    public var effect: Double
    /// The confidence interval (a confidence sequence for the sequential test).
    public var interval: Interval
    /// Standard error of the effect estimate.
    public var standardError: Double
    /// The p-value (always valid for the sequential test).
    public var pValue: Double
    /// Welch–Satterthwaite degrees of freedom; `nil` for the sequential test, which is normal-based.
    public var degreesOfFreedom: Double?

    /// A result from its parts.
    public init(effect: Double, interval: Interval, standardError: Double, pValue: Double, degreesOfFreedom: Double?) {
        self.effect = effect
        self.interval = interval
        self.standardError = standardError
        self.pValue = pValue
        self.degreesOfFreedom = degreesOfFreedom
    }
}
