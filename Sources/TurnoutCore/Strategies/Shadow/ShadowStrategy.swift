/// The `shadow` strategy in the registry: the primary answers, shadows get mirrored requests.
enum ShadowStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.shadow

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readShadow(value, at: path, versions: versions)
    }
}
