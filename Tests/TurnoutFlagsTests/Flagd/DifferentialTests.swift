import Foundation
import Testing
import TurnoutFlags

/// Every generated case must resolve exactly as the flagd Python provider's in-process
/// resolver did (fixture written by scripts/oracles/flags_differential.py).
@Suite("Differential against openfeature-provider-flagd")
struct DifferentialTests {
    /// A time between the far-past and far-future constants the generated rules compare with.
    static let timestamp = 1_780_000_000.0

    static let evaluationTypes: [String: FlagValueType] = [
        "boolean": .boolean, "string": .string, "float": .number, "integer": .integer, "object": .object,
    ]

    @Test("agrees with the flagd provider on every generated case")
    func agreesOnEveryCase() throws {
        let fixture = try Fixture.json("flagd_differential.json")
        let sets = try #require(fixture["sets"]?.arrayValue)
        var caseCount = 0
        var mismatches: [String] = []
        for (setIndex, set) in sets.enumerated() {
            let document = try #require(set["document"])
            let flagSet = try FlagSet(json: document)
            let evaluator = FlagEvaluator(flagSet: flagSet, clock: { Self.timestamp })
            let contexts = try #require(set["contexts"]?.arrayValue).map { try EvaluationContext(json: $0) }
            for testCase in try #require(set["cases"]?.arrayValue) {
                caseCount += 1
                let flagKey = try #require(testCase["flag"]?.stringValue)
                let contextIndex = Int(try #require(testCase["context"]?.numberValue))
                let type = try #require(Self.evaluationTypes[testCase["type"]?.stringValue ?? ""])
                let expected = try #require(testCase["expected"])
                let actual = evaluator.evaluate(flagKey, context: contexts[contextIndex], expecting: type)
                if let difference = Self.difference(actual, expected) {
                    mismatches.append("set \(setIndex) \(flagKey) context \(contextIndex) as \(type): \(difference)")
                }
            }
        }
        #expect(caseCount > 1_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(caseCount) cases differ:\n\(mismatches.prefix(25).joined(separator: "\n"))")
    }

    /// A description of how `actual` differs from the provider's answer, or nil when it agrees.
    static func difference(_ actual: FlagResolution, _ expected: JSONValue) -> String? {
        let expectedValue = expected["value"] ?? .null
        let expectedVariant = expected["variant"]?.stringValue
        let expectedReason = expected["reason"]?.stringValue
        let expectedError = expected["errorCode"]?.stringValue
        var differences: [String] = []
        if (actual.value ?? .null) != expectedValue {
            differences.append("value \(actual.value?.serialized() ?? "none") != \(expectedValue.serialized())")
        }
        if actual.variant != expectedVariant {
            differences.append("variant \(actual.variant ?? "none") != \(expectedVariant ?? "none")")
        }
        if actual.reason.rawValue != expectedReason {
            differences.append("reason \(actual.reason.rawValue) != \(expectedReason ?? "none")")
        }
        if actual.errorCode?.rawValue != expectedError {
            differences.append("error \(actual.errorCode?.rawValue ?? "none") != \(expectedError ?? "none") (\(actual.errorMessage ?? ""))")
        }
        // The Python SDK drops flag metadata from error results; Turnout keeps it, so compare successes only.
        if expectedError == nil, JSONValue.object(actual.metadata) != (expected["metadata"] ?? .object([:])) {
            differences.append("metadata \(JSONValue.object(actual.metadata)) != \(expected["metadata"] ?? .null)")
        }
        return differences.isEmpty ? nil : differences.joined(separator: "; ")
    }
}
