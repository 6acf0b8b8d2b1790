/// One release strategy as the configuration knows it: its spec type and the reader that turns
/// a `release` mapping into that spec.
///
/// Each strategy's folder under `Strategies/` holds one conforming type, listed once in
/// ``StrategyRegistry/all``; reading a configuration and decoding a stored release find the
/// strategy there by name instead of in a switch, so adding a strategy adds one registration
/// line rather than another case to edit. Internal, because the reader works on
/// `ConfigReader`, which nothing outside the module sees.
protocol ReleaseStrategy: Sendable {
    /// The strategy's settings, which answer everything the gateway asks of a release.
    associatedtype Spec: StrategySpec

    /// Reads a release of this strategy from its `release` mapping at `path`, reporting every
    /// problem to `reader`; `nil` when the release cannot be used.
    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> Spec?

    // Requirements with default implementations below, so that code holding the strategy as
    // `any ReleaseStrategy.Type` reaches them through the witness table.

    /// The name configuration uses in `strategy:`.
    static var name: ReleaseStrategyName { get }

    /// Reads a release of this strategy, wrapped as a ``ReleaseSpec``.
    static func readRelease(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec?
}

extension ReleaseStrategy {
    static var name: ReleaseStrategyName { Spec.strategyName }

    static func readRelease(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        read(value, at: path, versions: versions, with: &reader).map(ReleaseSpec.init)
    }
}
