/// What an A/B test or a bandit concluded, inside an ``ExperimentAnswer``.
public struct ConclusionAnswer: Sendable, Hashable, Codable {
    /// When it concluded, in Unix seconds.
    public var time: Double
    /// `variant_wins`, `control_wins` or `no_difference`.
    public var decision: String
    /// The arm that won; `null` when none did.
    public var winner: String?
    /// The conclusion in words, as the audit log has it.
    public var summary: String

    /// Creates a conclusion.
    public init(time: Double, decision: String, winner: String?, summary: String) {
        self.time = time
        self.decision = decision
        self.winner = winner
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case time, decision, winner, summary
    }

    /// Writes a missing winner as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(decision, forKey: .decision)
        try container.encode(winner, forKey: .winner)
        try container.encode(summary, forKey: .summary)
    }
}
