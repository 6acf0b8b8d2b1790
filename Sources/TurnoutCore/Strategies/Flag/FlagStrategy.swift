/// The `flag` strategy in the registry: a feature flag's variant names the version.
enum FlagStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.flag

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readFlag(value, at: path, versions: versions)
    }
}
