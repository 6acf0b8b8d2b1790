/// One mirrored request: what the primary answered and how the shadow's call ended.
public struct ShadowPair: Sendable, Equatable {
    /// The primary's HTTP status.
    public var primaryStatus: Int
    /// The primary's latency in seconds.
    public var primaryLatency: Double
    /// The primary's parsed answer; nil when not read or not readable.
    public var primaryOutput: ComparedOutput?
    /// How the shadow's call ended.
    public var shadow: ShadowOutcome
    /// For the raw protocol: whether the two response bodies are byte for byte equal; nil otherwise.
    public var bodiesEqual: Bool?

    /// Creates a pair.
    public init(
        primaryStatus: Int, primaryLatency: Double, primaryOutput: ComparedOutput?,
        shadow: ShadowOutcome, bodiesEqual: Bool? = nil
    ) {
        self.primaryStatus = primaryStatus
        self.primaryLatency = primaryLatency
        self.primaryOutput = primaryOutput
        self.shadow = shadow
        self.bodiesEqual = bodiesEqual
    }
}
