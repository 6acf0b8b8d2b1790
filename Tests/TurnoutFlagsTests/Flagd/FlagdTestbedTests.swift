import Foundation
import Testing
import TurnoutFlags

/// flagd's own test suite, open-feature/flagd-testbed, as data: its evaluator scenarios and the
/// provider scenarios that apply to an in-process evaluator, converted by scripts/flagd_testbed.py
/// into Fixtures/flagd-testbed (source, tag and licence in the README there).
@Suite("flagd-testbed scenarios")
struct FlagdTestbedTests {
    static let fixture = Result { try Fixture.json("flagd-testbed/scenarios.json") }

    @Test("every scenario that applies to an in-process evaluator passes; the rest are skipped with a reason")
    func scenarios() throws {
        let fixture = try Self.fixture.get()
        let cases = try #require(fixture["cases"]?.arrayValue)
        var flagSets: [String: FlagSet] = [:]
        var ran: [String: Int] = [:]
        var skipped: [String: Int] = [:]
        for testCase in cases {
            if let reason = testCase["skip"]?.stringValue {
                skipped[reason, default: 0] += 1
                continue
            }
            let hashing = try #require(FractionalHashing(rawValue: testCase["fractional"]?.stringValue ?? ""))
            let file = try #require(testCase["flagSet"]?.stringValue)
            let setKey = "\(file) \(hashing.rawValue)"
            if flagSets[setKey] == nil {
                flagSets[setKey] = try Self.flagSet(file, hashing: hashing)
            }
            try Self.check(testCase, flags: try #require(flagSets[setKey]))
            ran["\(testCase["suite"]?.stringValue ?? "?") suite, fractional \(hashing.rawValue)", default: 0] += 1
        }
        let source = fixture["source"]
        let total = ran.values.reduce(0, +)
        print("flagd-testbed \(source?["tag"]?.stringValue ?? "?") (\(source?["commit"]?.stringValue ?? "?")): \(total) scenarios ran, \(skipped.values.reduce(0, +)) skipped")
        for (group, count) in ran.sorted(by: { $0.key < $1.key }) { print("  ran \(count): \(group)") }
        for (reason, count) in skipped.sorted(by: { $0.value > $1.value }) { print("  skipped \(count): \(reason)") }
        #expect(total + skipped.values.reduce(0, +) == cases.count)
        // The pinned release has 395 applicable scenarios (125 evaluator, 270 provider; 132 of them v3).
        #expect(total == 395)
    }

    @Test("the evaluator suite's flag file has exactly one broken flag, and every other flag is usable")
    func testkitFlagsLoadAroundTheBrokenFlag() throws {
        let flags = try Self.flagSet("testkit-flags.json", hashing: .v2)
        #expect(Array(flags.invalidFlags.keys) == ["ref-to-nonexistent-evaluator-flag"])
        #expect(flags.flags.count >= 50)
        let problems = flags.problems.map(\.description)
        #expect(problems == [#"flags.ref-to-nonexistent-evaluator-flag.targeting.if[0].$ref: "nonexistent_evaluator" is not defined in $evaluators [is_ballmer]"#])
    }

    static func flagSet(_ file: String, hashing: FractionalHashing) throws -> FlagSet {
        let url = Fixture.directory.appendingPathComponent("flagd-testbed").appendingPathComponent(file)
        return try FlagSet(parsing: Data(contentsOf: url), fractionalHashing: hashing)
    }

    static let types: [String: FlagValueType] = [
        "Boolean": .boolean, "String": .string, "Integer": .integer, "Float": .number, "Object": .object,
    ]

    /// Evaluates one case as the testbed's step definitions do: a typed evaluation with details,
    /// the caller's default standing in whenever the flag gives no value.
    static func check(_ testCase: JSONValue, flags: FlagSet) throws {
        let name = [testCase["file"], testCase["scenario"], testCase["example"]]
            .compactMap { $0?.stringValue }.joined(separator: " / ")
        let key = try #require(testCase["flagKey"]?.stringValue, "\(name)")
        let type = try #require(types[testCase["type"]?.stringValue ?? ""], "\(name)")
        let fallback = try #require(testCase["default"], "\(name)")
        let context = EvaluationContext(
            targetingKey: testCase["context"]?["targetingKey"]?.stringValue,
            attributes: testCase["context"]?["attributes"]?.objectValue ?? [:])
        let resolution = FlagEvaluator(flagSet: flags).evaluate(key, context: context, expecting: type)
        let expect = try #require(testCase["expect"]?.objectValue, "\(name)")
        if let value = expect["value"] {
            #expect((resolution.value ?? fallback) == value, "\(name): \(resolution.json.serialized())")
        }
        if let reason = expect["reason"] {
            #expect(.string(resolution.reason.rawValue) == reason, "\(name): \(resolution.json.serialized())")
        }
        if let code = expect["errorCode"] {
            #expect((resolution.errorCode.map { JSONValue.string($0.rawValue) } ?? .null) == code, "\(name): \(resolution.json.serialized())")
        }
        if let variant = expect["variant"] {
            #expect((resolution.variant.map(JSONValue.string) ?? .null) == variant, "\(name): \(resolution.json.serialized())")
        }
        if let metadata = expect["metadata"]?.objectValue {
            if metadata.isEmpty {
                #expect(resolution.metadata.isEmpty, "\(name): \(resolution.json.serialized())")
            }
            for (entry, value) in metadata {
                #expect(resolution.metadata[entry] == value, "\(name): metadata \(entry)")
            }
        }
    }
}
