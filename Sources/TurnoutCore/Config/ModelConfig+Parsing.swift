extension ModelConfig {
    static let keys = ["protocol", "unit", "versions", "release", "salt", "log", "notify", "gates"]
}

extension ConfigReader {
    mutating func readModel(named name: String, _ value: ConfigValue, at path: String) -> ModelConfig? {
        if !Self.isSafeName(name) {
            report(path, "model names may use letters, digits, '.', '_' and '-' only")
        }
        guard let model = mapping(value, at: path, allowedKeys: ModelConfig.keys) else { return nil }
        let wireProtocol = model["protocol"].flatMap {
            choice($0, at: model.path("protocol"), as: ModelConfig.WireProtocol.self)
        }
        let unit = model["unit"].flatMap { readUnit($0, at: model.path("unit")) } ?? .none
        let salt = model["salt"].flatMap { string($0, at: model.path("salt")) }
        let log = model["log"].flatMap { readPayloadLogging($0, at: model.path("log")) }
        let notify = model["notify"].map { readNotifications($0, at: model.path("notify")) } ?? []
        let gates = model["gates"].flatMap { readGates($0, at: model.path("gates")) } ?? GateSpec()
        let versions = readVersions(model["versions"], at: model.path("versions"))
        let release = readRelease(model["release"], at: model.path("release"), versions: versions.map(\.name))
        guard let release, !versions.isEmpty else { return nil }
        return ModelConfig(
            name: name,
            wireProtocol: wireProtocol ?? .v2,
            unit: unit,
            versions: versions,
            release: release,
            salt: salt,
            log: log ?? PayloadLogging(),
            notify: notify,
            gates: gates
        )
    }

    private mutating func readUnit(_ value: ConfigValue, at path: String) -> UnitKeySource? {
        if case .string("none") = value { return UnitKeySource.none }
        if case .null = value { return UnitKeySource.none }
        guard let unit = mapping(value, at: path, allowedKeys: ["header", "query", "parameter"]) else { return nil }
        guard unit.entries.count == 1, let entry = unit.entries.first else {
            report(path, "expected exactly one of header, query or parameter (or the word none)")
            return nil
        }
        guard let name = string(entry.value, at: unit.path(entry.key)), !name.isEmpty else { return nil }
        switch entry.key {
        case "header": return .header(name.lowercased())
        case "query": return .query(name)
        case "parameter": return .parameter(name)
        default: return nil
        }
    }

    private mutating func readVersions(_ value: ConfigValue?, at path: String) -> [VersionConfig] {
        guard let value else {
            report(path, "missing: a model needs at least one version")
            return []
        }
        guard let versions = namedMapping(value, at: path) else { return [] }
        if versions.entries.isEmpty { report(path, "expected at least one version") }
        return versions.entries.compactMap { entry in
            if !Self.isSafeName(entry.key) {
                report(versions.path(entry.key), "version names may use letters, digits, '.', '_' and '-' only")
            }
            return readVersion(named: entry.key, entry.value, at: versions.path(entry.key))
        }
    }

    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }
}
