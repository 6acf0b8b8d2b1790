/// The `canary` strategy in the registry: a stepped rollout driven by `CanaryController`.
enum CanaryStrategy: ReleaseStrategy {
    typealias Spec = CanarySpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> CanarySpec? {
        reader.readCanary(value, at: path, versions: versions)
    }
}
