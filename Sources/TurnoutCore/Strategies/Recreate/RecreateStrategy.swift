/// The `recreate` strategy in the registry: stop every `from` instance, then start `to`'s, by `RecreateController`.
enum RecreateStrategy: ReleaseStrategy {
    typealias Spec = RecreateSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> RecreateSpec? {
        reader.readRecreate(value, at: path, versions: versions)
    }
}
