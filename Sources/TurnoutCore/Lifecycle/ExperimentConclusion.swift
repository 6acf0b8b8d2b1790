import TurnoutStats

/// What an A/B test or a bandit concluded, kept with the release so it is not concluded twice.
///
/// Shared by the two experiment strategies (``ABTestController``, ``BanditController``), so it
/// lives with the lifecycle rather than in either strategy's folder. The gateway stores it as
/// JSON with the release; the property names are the stored keys.
package struct ExperimentConclusion: Sendable, Equatable, Codable {
    /// When it concluded (Unix seconds).
    package var time: Double
    /// `variant_wins`, `control_wins`, `no_difference` (A/B) or `arm_wins` (bandit).
    package var decision: String
    /// The arm that won, if one did.
    package var winner: String?
    /// The conclusion in words, as the audit log has it.
    package var summary: String
    /// The analysis that concluded: once the winner takes all of the traffic, later evidence
    /// no longer compares the arms, so the experiment shows this one.
    package var result: AnalysisResult?
    /// The version the conclusion gives all of the traffic, if any; kept so a promotion that
    /// failed after the conclusion was stored is tried again.
    package var promoteTo: String?

    /// Creates a conclusion.
    package init(time: Double, decision: String, winner: String?, summary: String, result: AnalysisResult?, promoteTo: String? = nil) {
        self.time = time
        self.decision = decision
        self.winner = winner
        self.summary = summary
        self.result = result
        self.promoteTo = promoteTo
    }
}
