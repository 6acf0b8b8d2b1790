/// The `flag` strategy in the registry: a feature flag's variant names the version.
enum FlagStrategy: ReleaseStrategy {
    typealias Spec = FlagSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> FlagSpec? {
        reader.readFlag(value, at: path, versions: versions)
    }
}
