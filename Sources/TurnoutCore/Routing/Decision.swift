/// Which version answers one request, which versions see a copy, and why.
public struct Decision: Sendable, Equatable {
    /// The version whose answer the client gets.
    public var primary: String
    /// Versions that receive a mirrored copy of the request; their answers are not returned.
    public var shadows: [String]
    /// Why the primary was chosen.
    public var reason: Reason
    /// The probability with which the policy picks `primary` for this request (the propensity),
    /// so that logged decisions support off-policy evaluation.
    public var probability: Double

    /// Creates a decision.
    public init(primary: String, shadows: [String] = [], reason: Reason, probability: Double) {
        self.primary = primary
        self.shadows = shadows
        self.reason = reason
        self.probability = probability
    }

    /// Why a version was chosen.
    public enum Reason: String, Sendable, CaseIterable {
        /// The release sends everything to one version.
        case single
        /// The unit key's sticky bucket falls in this version's share.
        case sticky
        /// No unit key: the version was drawn at random by weight.
        case random
        /// The client asked for this version by path.
        case pinned
        /// A feature flag's variant named the version.
        case flag
        /// The request asked for a blue-green release's preview (`x-turnout-preview: 1`).
        case preview
        /// The release's rule could not decide (flag disabled, failing or naming no version).
        case fallback
    }
}
