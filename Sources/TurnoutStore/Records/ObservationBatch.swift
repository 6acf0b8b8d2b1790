/// Observations written together in one transaction.
public struct ObservationBatch: Sendable, Equatable {
    /// The observations, in arrival order.
    public var observations: [Observation]

    /// Creates a batch.
    public init(_ observations: [Observation] = []) {
        self.observations = observations
    }

    /// Whether there is nothing to write.
    public var isEmpty: Bool { observations.isEmpty }
}
