/// The `bluegreen` strategy in the registry: preview beside active, then a switch, driven by `BlueGreenController`.
enum BlueGreenStrategy: ReleaseStrategy {
    static let name = ReleaseStrategyName.bluegreen

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> ReleaseSpec? {
        reader.readBlueGreen(value, at: path, versions: versions).map(ReleaseSpec.bluegreen)
    }
}
