/// Observations written together in one transaction.
package struct ObservationBatch: Sendable, Equatable {
    /// The observations, in arrival order.
    package var observations: [Observation]

    /// Creates a batch.
    package init(_ observations: [Observation] = []) {
        self.observations = observations
    }

    /// Whether there is nothing to write.
    package var isEmpty: Bool { observations.isEmpty }
}
