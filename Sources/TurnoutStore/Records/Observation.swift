/// Everything the gateway learned from one request: its decision, its outcome, and maybe its payloads.
public struct Observation: Sendable, Equatable {
    /// The routing decision.
    public var decision: DecisionRecord
    /// What happened; its request id must equal the decision's.
    public var outcome: OutcomeRecord
    /// The sampled payloads, when this request was sampled.
    public var payload: PayloadSample?

    /// Creates an observation.
    public init(decision: DecisionRecord, outcome: OutcomeRecord, payload: PayloadSample? = nil) {
        self.decision = decision
        self.outcome = outcome
        self.payload = payload
    }
}
