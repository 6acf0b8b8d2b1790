/// What the gateway should do for a blue-green release on this tick, before it asks the
/// controller to decide.
public struct BlueGreenPlan: Sendable, Equatable {
    /// Send the smoke requests to the preview now and report them as ``BlueGreenInputs/smoke``.
    public var runSmoke: Bool
    /// The share of live requests, in percent, to mirror to the preview (0: none).
    public var mirrorPercent: Double
    /// Evaluate the mirrored pairs since ``BlueGreenProgress/phaseStartedAt`` and report
    /// them as ``BlueGreenInputs/prePromotion``.
    public var evaluatePrePromotion: Bool
    /// Run the post-promotion checks on the preview's traffic since the switch and report them
    /// as ``BlueGreenInputs/postPromotion``.
    public var analyzePostPromotion: Bool
    /// Whether the active version must stay ready: it answers, or a switch back may still come
    /// (until the rollback window closes after completion).
    public var keepActiveReady: Bool

    /// Creates a plan.
    public init(runSmoke: Bool, mirrorPercent: Double, evaluatePrePromotion: Bool, analyzePostPromotion: Bool, keepActiveReady: Bool) {
        self.runSmoke = runSmoke
        self.mirrorPercent = mirrorPercent
        self.evaluatePrePromotion = evaluatePrePromotion
        self.analyzePostPromotion = analyzePostPromotion
        self.keepActiveReady = keepActiveReady
    }
}
