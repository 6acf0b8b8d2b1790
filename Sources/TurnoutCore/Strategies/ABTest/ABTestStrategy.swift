/// The `abtest` strategy in the registry: an A/B(/n) test, analysed and concluded by `ABTestController`.
enum ABTestStrategy: ReleaseStrategy {
    typealias Spec = ABTestSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ABTestSpec? {
        reader.readABTest(value, at: path, versions: versions)
    }
}
