/// The `shadow` strategy in the registry: the primary answers, shadows get mirrored requests.
enum ShadowStrategy: ReleaseStrategy {
    typealias Spec = ShadowSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ShadowSpec? {
        reader.readShadow(value, at: path, versions: versions)
    }
}
