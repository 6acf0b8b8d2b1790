/// What an experiment's analysis concludes at this look.
public enum ExperimentDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not enough evidence yet (or the data are not trustworthy): keep collecting.
    case keepRunning = "keep_running"
    /// A variant is significantly better than control; see the result's winner.
    case variantWins = "variant_wins"
    /// Every variant is significantly worse than control.
    case controlWins = "control_wins"
    /// The final look found no significant difference.
    case noDifference = "no_difference"
}
