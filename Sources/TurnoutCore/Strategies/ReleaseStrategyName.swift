/// The release strategies a configuration may name. Only some are implemented so far.
public enum ReleaseStrategyName: String, Sendable, CaseIterable {
    case single, split, shadow, abtest, bandit, canary, bluegreen, rolling, recreate, flag

    /// Strategies the gateway can run today: those in the strategy registry, in its order.
    public static var supported: [ReleaseStrategyName] { StrategyRegistry.all.map { $0.name } }
}
