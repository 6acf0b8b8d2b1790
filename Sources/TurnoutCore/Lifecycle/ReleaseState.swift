/// Where one model's release stands: what is being released, at which step, in which phase.
///
/// A value that only ``ReleaseLifecycle`` changes. Every accepted command bumps
/// ``revision`` (the admin API's `If-Match` compares it) and sets ``updatedAt`` and ``reason``.
/// JSON keys are snake_case, so the store can persist the state as it is.
public struct ReleaseState: Sendable, Equatable, Codable {
    /// The model being released.
    public var model: String
    /// How traffic is divided; the controller reads it together with ``step`` and ``phase``.
    public var spec: ReleaseSpec
    /// How many steps the release has; at least one (strategies without steps have one).
    public var stepCount: Int
    /// The index of the current step, `0..<stepCount` while the release runs; equal to
    /// ``stepCount`` once every step is done (promoted, completed, or aborted after that).
    public var step: Int
    /// The lifecycle phase.
    public var phase: ReleasePhase
    /// Starts at 1 for a new release and grows by one with every change.
    public var revision: Int
    /// When the state last changed, in seconds on the caller's clock.
    public var updatedAt: Double
    /// The version that was stable before this release; aborts and rollbacks return to it.
    /// `nil` when there is nothing to go back to.
    public var previousStable: String?
    /// How long after promotion a rollback is still allowed, in seconds; `nil` for no limit.
    public var rollbackWindow: Double?
    /// When the release reached ``ReleasePhase/promoted``; the rollback window counts from here.
    public var promotedAt: Double?
    /// Why the last change happened.
    public var reason: String
    /// The version promotion gave all of the traffic, when a controller chose it (an A/B
    /// test's winner); `nil` means the spec's own promotion target.
    public var promotedVersion: String?

    /// Creates a state as it is; new releases come from ``ReleaseLifecycle/start(model:spec:stepCount:previousStable:rollbackWindow:replacing:actor:now:)``.
    public init(
        model: String,
        spec: ReleaseSpec,
        stepCount: Int,
        step: Int,
        phase: ReleasePhase,
        revision: Int,
        updatedAt: Double,
        previousStable: String?,
        rollbackWindow: Double? = nil,
        promotedAt: Double? = nil,
        reason: String,
        promotedVersion: String? = nil
    ) {
        self.model = model
        self.spec = spec
        self.stepCount = stepCount
        self.step = step
        self.phase = phase
        self.revision = revision
        self.updatedAt = updatedAt
        self.previousStable = previousStable
        self.rollbackWindow = rollbackWindow
        self.promotedAt = promotedAt
        self.reason = reason
        self.promotedVersion = promotedVersion
    }

    /// Whether the current step is the last one.
    public var isAtLastStep: Bool { step >= stepCount - 1 }

    enum CodingKeys: String, CodingKey {
        case model, spec, step, phase, revision, reason
        case stepCount = "step_count"
        case updatedAt = "updated_at"
        case previousStable = "previous_stable"
        case rollbackWindow = "rollback_window"
        case promotedAt = "promoted_at"
        case promotedVersion = "promoted_version"
    }
}
