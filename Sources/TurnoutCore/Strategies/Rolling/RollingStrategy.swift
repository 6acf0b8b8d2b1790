/// The `rolling` strategy in the registry: instances replaced in batches by `RollingController`.
enum RollingStrategy: ReleaseStrategy {
    typealias Spec = RollingSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> RollingSpec? {
        reader.readRolling(value, at: path, versions: versions)
    }
}
