import Foundation

/// Where one model's release stands: what a restarted gateway needs to resume it.
package struct ReleaseRecord: Sendable, Equatable {
    /// The model the release belongs to.
    package var model: String
    /// The release specification, as JSON text.
    package var spec: String
    /// The lifecycle phase, e.g. `progressing` or `paused`.
    package var phase: String
    /// The current step of a stepped strategy (canary weights, rolling batches); 0 otherwise.
    package var step: Int
    /// The controller's own state, as JSON text (bandit posteriors, analysis windows, ...).
    package var controllerState: String
    /// Bumped by one on every save; 0 for a release that was never saved.
    package var revision: Int64
    /// When the release was last changed.
    package var updatedAt: Date

    /// Creates a release record.
    package init(
        model: String,
        spec: String,
        phase: String,
        step: Int = 0,
        controllerState: String = "{}",
        revision: Int64 = 0,
        updatedAt: Date
    ) {
        self.model = model
        self.spec = spec
        self.phase = phase
        self.step = step
        self.controllerState = controllerState
        self.revision = revision
        self.updatedAt = updatedAt
    }
}
