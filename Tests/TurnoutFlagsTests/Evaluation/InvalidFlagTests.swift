import Foundation
import Testing
import TurnoutFlags

/// One broken flag answers PARSE_ERROR and leaves the rest of its set working, as in flagd;
/// validation still lists every problem.
@Suite("Per-flag errors")
struct InvalidFlagTests {
    static let document = Data(#"""
        {
          "$evaluators": {"isStaff": {"ends_with": [{"var": "email"}, "@example.com"]}, "broken": {"nope": [1]}},
          "flags": {
            "good": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
                     "targeting": {"if": [{"$ref": "isStaff"}, "on", null]}},
            "missing-ref": {"state": "ENABLED", "variants": {"a": "A"}, "defaultVariant": "a",
                            "targeting": {"if": [{"$ref": "nonexistent"}, "a", null]}},
            "uses-broken": {"state": "ENABLED", "variants": {"a": "A"}, "defaultVariant": "a",
                            "targeting": {"if": [{"$ref": "broken"}, "a", null]}},
            "bad-default": {"state": "ENABLED", "variants": {"a": "A"}, "defaultVariant": "b"},
            "plain": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": "x"}
          }
        }
        """#.utf8)

    static let staff = EvaluationContext(targetingKey: "u1", attributes: ["email": "ann@example.com"])

    @Test("broken flags answer PARSE_ERROR with their problems; the other flags evaluate as usual")
    func brokenFlagsDoNotTakeTheSetDown() throws {
        let flags = try FlagSet(parsing: Self.document)
        #expect(flags.flags.keys.sorted() == ["good", "plain"])
        #expect(flags.invalidFlags.keys.sorted() == ["bad-default", "missing-ref", "uses-broken"])
        let evaluator = FlagEvaluator(flagSet: flags)
        #expect(evaluator.evaluate("good", context: Self.staff).value == true)
        #expect(evaluator.evaluate("plain").value == 1)
        let missing = evaluator.evaluate("missing-ref", context: Self.staff)
        #expect(missing.reason == .error && missing.errorCode == .parseError && missing.value == nil)
        #expect(missing.errorMessage?.contains(#""nonexistent" is not defined in $evaluators"#) == true)
        let sharedBroken = evaluator.evaluate("uses-broken")
        #expect(sharedBroken.errorCode == .parseError)
        #expect(sharedBroken.errorMessage?.contains(#"$evaluators.broken: unknown JsonLogic operator "nope""#) == true)
        #expect(evaluator.evaluate("bad-default").errorCode == .parseError)
        #expect(evaluator.evaluate("absent").errorCode == .flagNotFound)
        let all = evaluator.evaluateAll(context: Self.staff)
        #expect(all.map(\.flagKey) == ["bad-default", "good", "missing-ref", "plain", "uses-broken"])
        #expect(all.map(\.errorCode) == [.parseError, nil, .parseError, nil, .parseError])
    }

    @Test("validate lists every problem once, in document order, though the set can be served")
    func validateStillReportsEverything() {
        let problems = FlagsCommand.validate(Self.document).map(\.description)
        #expect(problems == [
            #"flags.bad-default.defaultVariant: "b" is not one of the variants [a]"#,
            #"flags.missing-ref.targeting.if[0].$ref: "nonexistent" is not defined in $evaluators [broken, isStaff]"#,
            #"$evaluators.broken: unknown JsonLogic operator "nope""#,
        ])
    }

    @Test("a document without readable flags is still refused as a whole")
    func unreadableDocumentsAreRefused() {
        #expect(throws: FlagSetValidationError.self) { try FlagSet(parsing: Data("{\"flags\": ".utf8)) }
        #expect(throws: FlagSetValidationError.self) { try FlagSet(parsing: Data(#"{"flags": []}"#.utf8)) }
    }

    @Test("flags eval answers PARSE_ERROR for a broken flag and evaluates a good one from the same file")
    func evalCommand() throws {
        let broken = try FlagsCommand.evaluate(flags: Self.document, flagKey: "missing-ref", context: nil).get()
        #expect(broken.errorCode == .parseError)
        let good = try FlagsCommand.evaluate(flags: Self.document, flagKey: "good", context: #"{"email": "a@example.com"}"#).get()
        #expect(good.value == true && good.reason == .targetingMatch)
    }

    @Test("OFREP: 400 PARSE_ERROR for the broken flag, 200 for the others, and the error shape in bulk")
    func ofrep() throws {
        let flags = try FlagSet(parsing: Self.document)
        let body = Data(#"{"context": {"targetingKey": "u1", "email": "ann@example.com"}}"#.utf8)
        let broken = OFREPService.evaluate(flag: "missing-ref", body: body, flags: flags, now: 0)
        #expect(broken.status == 400)
        let brokenJSON = try JSONValue(parsing: Data(broken.body))
        #expect(brokenJSON["key"] == "missing-ref" && brokenJSON["errorCode"] == "PARSE_ERROR")
        #expect(brokenJSON["errorDetails"]?.stringValue?.contains("nonexistent") == true)
        let good = OFREPService.evaluate(flag: "good", body: body, flags: flags, now: 0)
        #expect(good.status == 200)
        #expect(try JSONValue(parsing: Data(good.body))["value"] == true)
        let bulk = OFREPService.evaluateAll(body: body, ifNoneMatch: nil, flags: flags, now: 0)
        #expect(bulk.status == 200)
        let entries = try #require(try JSONValue(parsing: Data(bulk.body))["flags"]?.arrayValue)
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0["key"]?.stringValue ?? "", $0) })
        #expect(byKey.count == 5)
        #expect(byKey["missing-ref"]?["errorCode"] == "PARSE_ERROR")
        #expect(byKey["missing-ref"]?.objectValue?.keys.contains("value") == false)
        #expect(byKey["good"]?["value"] == true)
        #expect(byKey["plain"]?["value"] == 1)
    }
}
