/// The `single` strategy in the registry: one version answers every request.
enum SingleStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.single

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readSingle(value, at: path, versions: versions)
    }
}
