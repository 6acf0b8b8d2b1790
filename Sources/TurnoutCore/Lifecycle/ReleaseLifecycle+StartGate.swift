extension ReleaseLifecycle {
    /// The audit action of a release whose `before_start` gate let it take traffic.
    package static let startGateOpened = "start_gate_opened"

    /// Records that a release's `before_start` gate answered 200 (action `start_gate_opened`):
    /// the phase and step stay, the revision moves on, so every replica learns from the stored
    /// release that it routes by its spec from now on.
    ///
    /// Only a ``ReleasePhase/progressing`` release is held at its start; `nil` otherwise. Like a
    /// conclusion it is the controller's, not an operator's command.
    package static func openStartGate(_ state: ReleaseState, actor: String, now: Double, reason: String) -> ReleaseTransition? {
        record(startGateOpened, on: state, actor: actor, now: now, reason: reason)
    }
}
