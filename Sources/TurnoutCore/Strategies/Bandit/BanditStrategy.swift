/// The `bandit` strategy in the registry: a multi-armed bandit, whose shares `BanditController` updates.
enum BanditStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.bandit

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readBandit(value, at: path, versions: versions)
    }
}
