/// The `split` strategy in the registry: a sticky split by weight.
enum SplitStrategy: ReleaseStrategy {
    typealias Spec = SplitSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> SplitSpec? {
        reader.readSplit(value, at: path, versions: versions)
    }
}
