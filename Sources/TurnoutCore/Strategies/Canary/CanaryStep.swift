/// One step of a canary release: the canary's share of traffic and how long it is held.
public struct CanaryStep: Sendable, Equatable, Codable {
    /// The canary's share of traffic in percent, above 0 and at most 100.
    public var weight: Double
    /// Seconds the step is held at least before it may advance; `nil` advances on the first
    /// passing analysis.
    public var pause: Double?

    /// Creates a step.
    public init(weight: Double, pause: Double? = nil) {
        self.weight = weight
        self.pause = pause
    }
}
