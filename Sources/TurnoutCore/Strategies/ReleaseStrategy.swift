/// One release strategy as the configuration knows it: the name written after `strategy:` and
/// the reader that turns the rest of the `release` mapping into a ``ReleaseSpec``.
///
/// Each strategy's folder under `Strategies/` holds one conforming type, listed once in
/// ``StrategyRegistry/all``; `ConfigReader.readRelease` finds the reader there instead of in a
/// switch, so adding a strategy adds one registration line rather than another case to edit.
/// Internal, because the reader works on `ConfigReader`, which nothing outside the module sees.
protocol ReleaseStrategy: Sendable {
    /// The name configuration uses in `strategy:`.
    static var name: ReleaseStrategyName { get }

    /// Reads a release of this strategy from its `release` mapping at `path`, reporting every
    /// problem to `reader`; `nil` when the release cannot be used.
    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec?
}
