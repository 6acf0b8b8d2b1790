import Foundation

/// Where one model's release stands: what a restarted gateway needs to resume it.
public struct ReleaseRecord: Sendable, Equatable {
    /// The model the release belongs to.
    public var model: String
    /// The release specification, as JSON text.
    public var spec: String
    /// The lifecycle phase, e.g. `progressing` or `paused`.
    public var phase: String
    /// The current step of a stepped strategy (canary weights, rolling batches); 0 otherwise.
    public var step: Int
    /// The controller's own state, as JSON text (bandit posteriors, analysis windows, ...).
    public var controllerState: String
    /// Bumped by one on every save; 0 for a release that was never saved.
    public var revision: Int64
    /// When the release was last changed.
    public var updatedAt: Date

    /// Creates a release record.
    public init(
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
