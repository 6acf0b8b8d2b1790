/// What a strategy's controller decided on one tick: the progress to keep and the actions for
/// the gateway to carry out, in order.
///
/// Every controller has the same shape, `(state, progress, observations, now) -> step`:
/// stepped without observations, it either decides at once or asks for the observations it
/// needs (``ControllerAction/readEvidence``, ``ControllerAction/compareVersions(since:baselineBefore:)``,
/// ...); stepped again with them, at the same `now` and with the first step's progress, it
/// decides on them.
package struct ControllerStep<Progress: Sendable & Equatable>: Sendable, Equatable {
    /// The progress to keep for the next tick (and for the second step of this one).
    package var progress: Progress
    /// What the gateway should do; empty when the release waits.
    package var actions: [ControllerAction]

    /// Creates a step.
    package init(progress: Progress, actions: [ControllerAction] = []) {
        self.progress = progress
        self.actions = actions
    }

    /// Whether the controller asks for observations before it decides.
    package var needsObservations: Bool {
        actions.contains { action in
            switch action {
            case .readEvidence, .compareVersions, .runSmoke, .judgeMirroredTraffic: true
            default: false
            }
        }
    }
}
