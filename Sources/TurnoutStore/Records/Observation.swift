/// Everything the gateway learned from one request: its decision, its outcome, and maybe its payloads.
package struct Observation: Sendable, Equatable {
    /// The routing decision.
    package var decision: DecisionRecord
    /// What happened; its request id must equal the decision's.
    package var outcome: OutcomeRecord
    /// The sampled payloads, when this request was sampled.
    package var payload: PayloadSample?

    /// Creates an observation.
    package init(decision: DecisionRecord, outcome: OutcomeRecord, payload: PayloadSample? = nil) {
        self.decision = decision
        self.outcome = outcome
        self.payload = payload
    }
}
