/// The `canary` strategy in the registry: a stepped rollout driven by `CanaryController`.
enum CanaryStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.canary

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readCanary(value, at: path, versions: versions).map(ReleaseSpec.canary)
    }
}
