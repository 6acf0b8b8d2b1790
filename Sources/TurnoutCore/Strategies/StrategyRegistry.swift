/// Every release strategy the gateway runs, one registration line each.
///
/// The order is the order messages list them in ("implemented: single, split, ...").
enum StrategyRegistry {
    static let all: [any ReleaseStrategy.Type] = [
        SingleStrategy.self,
        SplitStrategy.self,
        FlagStrategy.self,
        ABTestStrategy.self,
        BanditStrategy.self,
        ShadowStrategy.self,
        CanaryStrategy.self,
        BlueGreenStrategy.self,
        RollingStrategy.self,
        RecreateStrategy.self,
    ]

    /// The registered strategy called `name`, or `nil` for a name the configuration knows but
    /// no strategy implements.
    static func strategy(named name: ReleaseStrategyName) -> (any ReleaseStrategy.Type)? {
        all.first { $0.name == name }
    }
}
