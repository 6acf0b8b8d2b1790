/// The `bandit` strategy in the registry: a multi-armed bandit, whose shares `BanditController` updates.
enum BanditStrategy: ReleaseStrategy {
    typealias Spec = BanditSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> BanditSpec? {
        reader.readBandit(value, at: path, versions: versions)
    }
}
