/// A canary release: the new version gets a growing share of traffic, step by step, and each
/// step is analysed against the stable version before it advances.
///
/// Steps below 100% are the lifecycle steps (``stepCount``). A last step at 100% is the
/// promotion itself: promoting past the last lifecycle step gives the canary all the traffic,
/// and that step's pause, if any, is watched before the release completes
/// (``promotionPause``). Assignment is the sticky split with the stable version first, so a
/// unit that reached the canary stays there while its weight grows.
public struct CanarySpec: Sendable, Equatable, Codable {
    /// The version that serves traffic now; aborts return to it.
    public var stable: String
    /// The version being released.
    public var canary: String
    /// The steps as configured, weights not decreasing; at most the last one is at 100%.
    public var steps: [CanaryStep]
    /// How each step is judged.
    public var analysis: CanaryAnalysisSpec
    /// Seconds after promotion during which `turnout rollback` may return to ``stable``.
    public var rollbackWindow: Double

    /// Creates a canary; the defaults are those of the configuration reference.
    public init(
        stable: String, canary: String, steps: [CanaryStep], analysis: CanaryAnalysisSpec = CanaryAnalysisSpec(),
        rollbackWindow: Double = 600
    ) {
        self.stable = stable
        self.canary = canary
        self.steps = steps
        self.analysis = analysis
        self.rollbackWindow = rollbackWindow
    }

    /// The number of lifecycle steps: the steps below 100%, at least one.
    ///
    /// Pass it to ``ReleaseLifecycle/start(model:spec:stepCount:previousStable:rollbackWindow:replacing:actor:now:)``.
    public var stepCount: Int {
        max(1, steps.count(where: { $0.weight < 100 }))
    }

    /// How long the canary is watched at 100% before the release completes: the pause of a
    /// last step at 100%, if it has one.
    public var promotionPause: Double? {
        guard let last = steps.last, last.weight >= 100 else { return nil }
        return last.pause
    }

    /// The canary's share in percent at a lifecycle step; 100 past the last one (promoted).
    public func weight(atStep step: Int) -> Double {
        guard step < stepCount, steps.indices.contains(step) else { return 100 }
        return steps[max(0, step)].weight
    }

    /// The pause of a lifecycle step in seconds; `nil` when it advances on its first passing analysis.
    public func pause(atStep step: Int) -> Double? {
        guard step < stepCount, steps.indices.contains(step) else { return nil }
        return steps[max(0, step)].pause
    }

    /// The sticky split at a step with the canary at `canaryPercent`: stable first, so a
    /// growing canary share keeps the units it already has.
    public func weights(canaryPercent: Double) -> [VersionWeight] {
        let share = min(100, max(0, canaryPercent))
        return [VersionWeight(version: stable, weight: 100 - share), VersionWeight(version: canary, weight: share)]
    }

    enum CodingKeys: String, CodingKey {
        case stable, canary, steps, analysis
        case rollbackWindow = "rollback_window"
    }
}
