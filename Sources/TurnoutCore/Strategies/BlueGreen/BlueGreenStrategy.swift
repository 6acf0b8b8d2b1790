/// The `bluegreen` strategy in the registry: preview beside active, then a switch, driven by `BlueGreenController`.
enum BlueGreenStrategy: ReleaseStrategy {
    typealias Spec = BlueGreenSpec

    static func read(_ value: ConfigValue, at path: String, versions: [String], with reader: inout ConfigReader) -> BlueGreenSpec? {
        reader.readBlueGreen(value, at: path, versions: versions)
    }
}
