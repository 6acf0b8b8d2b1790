import Testing
@testable import TurnoutCore

/// Runs the canary and blue-green readers on a release written in YAML, as a model with the
/// versions v1, v2 and v3 would hold it under `models.m.release`.
enum ReleaseReaderHarness {
    static let path = "models.m.release"
    static let versions = ["v1", "v2", "v3"]

    static func canary(_ yaml: String) throws -> (spec: CanarySpec?, issues: [String]) {
        var reader = ConfigReader()
        let spec = reader.readCanary(try ConfigValue.parse(yaml: yaml), at: path, versions: versions)
        return (spec, reader.issues.map(\.description))
    }

    static func blueGreen(_ yaml: String) throws -> (spec: BlueGreenSpec?, issues: [String]) {
        var reader = ConfigReader()
        let spec = reader.readBlueGreen(try ConfigValue.parse(yaml: yaml), at: path, versions: versions)
        return (spec, reader.issues.map(\.description))
    }

    static func rolling(_ yaml: String) throws -> (spec: RollingSpec?, issues: [String]) {
        var reader = ConfigReader()
        let spec = reader.readRolling(try ConfigValue.parse(yaml: yaml), at: path, versions: versions)
        return (spec, reader.issues.map(\.description))
    }

    static func recreate(_ yaml: String) throws -> (spec: RecreateSpec?, issues: [String]) {
        var reader = ConfigReader()
        let spec = reader.readRecreate(try ConfigValue.parse(yaml: yaml), at: path, versions: versions)
        return (spec, reader.issues.map(\.description))
    }
}

/// A release that should be refused, and the one line it should be refused with.
struct RefusedRelease: Sendable, CustomTestStringConvertible {
    let yaml: String
    let line: String

    var testDescription: String { line }
}
