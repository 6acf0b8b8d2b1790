/// The `single` strategy in the registry: one version answers every request.
enum SingleStrategy: ReleaseStrategy {
    typealias Spec = SingleSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> SingleSpec? {
        reader.readSingle(value, at: path, versions: versions)
    }
}
