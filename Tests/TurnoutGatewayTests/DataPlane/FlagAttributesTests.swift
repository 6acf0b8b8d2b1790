import Foundation
import NIOHTTP1
import Testing
import TurnoutCore
import TurnoutFlags
import TurnoutModels
import TurnoutStats
@testable import TurnoutGateway

/// The attributes a flag release evaluates, from the request to the flag: headers as strings,
/// OIP parameters with their JSON types, the unit key as `targetingKey`.
@Suite("Flag release attributes")
struct FlagAttributesTests {
    struct Flags: FlagSource {
        let flags: FlagSet
    }

    /// v2 for a strict `true` in `vip`, the number 30 in `age`, or the unit key `u7`.
    static let flagSet = """
        {"flags": {"model-version": {
          "state": "ENABLED", "variants": {"v1": "v1", "v2": "v2"}, "defaultVariant": "v1",
          "targeting": {"if": [
            {"===": [{"var": "vip"}, true]}, "v2",
            {"===": [{"var": "age"}, 30]}, "v2",
            {"==": [{"var": "targetingKey"}, "u7"]}, "v2",
            null
          ]}
        }}}
        """

    static func version(
        headers: [(String, String)] = [], parameters: [String: InferenceParameter] = [:], unitKey: String? = nil
    ) throws -> String {
        let flags = Flags(flags: try FlagSet(parsing: Data(flagSet.utf8)))
        let policy = ReleaseSpec.flag(key: "model-version", fallback: "v1").makePolicy(salt: "m", versions: ["v1", "v2"], flags: flags)
        #expect(policy.needsAttributes)
        let attributes = InferenceHandler.attributes(headers: HTTPHeaders(headers), parameters: parameters)
        var random = SeededGenerator(seed: 1)
        return policy.decide(RoutingRequest(unitKey: unitKey, attributes: attributes), random: &random).primary
    }

    @Test("booleans and numbers from parameters keep their type; the same text in a header is a string")
    func typedParameters() throws {
        #expect(try Self.version(parameters: ["vip": .bool(true)]) == "v2")
        #expect(try Self.version(headers: [("vip", "true")]) == "v1")
        #expect(try Self.version(parameters: ["age": .number(30)]) == "v2")
        #expect(try Self.version(parameters: ["age": .string("30")]) == "v1")
        #expect(try Self.version(headers: [("Age", "30")]) == "v1")
        // A parameter wins over a header of the same name.
        #expect(try Self.version(headers: [("vip", "no")], parameters: ["vip": .bool(true)]) == "v2")
        #expect(try Self.version(headers: [("age", "30")], parameters: ["age": .json("[30]")]) == "v1")
    }

    @Test("the unit key is the targeting key")
    func targetingKey() throws {
        #expect(try Self.version(unitKey: "u7") == "v2")
        #expect(try Self.version(unitKey: "u8") == "v1")
        #expect(try Self.version() == "v1")
    }
}
