/// Where a model's release stands in its lifecycle, inside a ``ModelAnswer``.
public struct ReleaseAnswer: Sendable, Hashable, Codable {
    /// The release in its configuration's JSON form.
    public var spec: WireValue
    /// `progressing`, `paused`, `promoted`, `aborted` or `completed`.
    public var phase: String
    /// The index of the current step, from 0; equal to `stepCount` once promoted.
    public var step: Int
    /// How many steps the release has.
    public var stepCount: Int
    /// Bumped by every change; the value `If-Match` takes.
    public var revision: Int
    /// The version that had all of the traffic before; `null` when there was none.
    public var previousStable: String?
    /// When the release last changed, in Unix seconds.
    public var updatedAt: Double
    /// Why it last changed.
    public var reason: String
    /// The commands the phase allows (`promote`, `abort`, ...).
    public var allowedActions: [String]

    /// Creates an answer.
    public init(
        spec: WireValue, phase: String, step: Int, stepCount: Int, revision: Int, previousStable: String?,
        updatedAt: Double, reason: String, allowedActions: [String]
    ) {
        self.spec = spec
        self.phase = phase
        self.step = step
        self.stepCount = stepCount
        self.revision = revision
        self.previousStable = previousStable
        self.updatedAt = updatedAt
        self.reason = reason
        self.allowedActions = allowedActions
    }

    enum CodingKeys: String, CodingKey {
        case spec, phase, step, revision, reason
        case stepCount = "step_count"
        case previousStable = "previous_stable"
        case updatedAt = "updated_at"
        case allowedActions = "allowed_actions"
    }

    /// Writes `previous_stable` as `null` rather than leaving it out, as the API always has.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spec, forKey: .spec)
        try container.encode(phase, forKey: .phase)
        try container.encode(step, forKey: .step)
        try container.encode(stepCount, forKey: .stepCount)
        try container.encode(revision, forKey: .revision)
        try container.encode(previousStable, forKey: .previousStable)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(reason, forKey: .reason)
        try container.encode(allowedActions, forKey: .allowedActions)
    }
}
