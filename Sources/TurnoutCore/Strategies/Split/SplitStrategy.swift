/// The `split` strategy in the registry: a sticky split by weight.
enum SplitStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.split

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readSplit(value, at: path, versions: versions)
    }
}
