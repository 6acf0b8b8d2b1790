/// The `abtest` strategy in the registry: an A/B(/n) test, analysed and concluded by `ABTestController`.
enum ABTestStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.abtest

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readABTest(value, at: path, versions: versions)
    }
}
