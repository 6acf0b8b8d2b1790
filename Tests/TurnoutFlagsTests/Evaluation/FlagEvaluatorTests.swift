import Foundation
import Testing
import TurnoutFlags

/// Reasons, error codes and context handling, following flagd's in-process evaluation rules.
@Suite("Flag evaluation")
struct FlagEvaluatorTests {
    static let document = #"""
        {
          "metadata": {"owner": "ml", "scope": "set"},
          "$evaluators": {"isNL": {"==": [{"var": "country"}, "NL"]}},
          "flags": {
            "static-flag": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on",
                            "metadata": {"scope": "flag"}},
            "no-default": {"state": "ENABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": null},
            "targeted": {"state": "ENABLED", "variants": {"nl": "dutch", "other": "default"}, "defaultVariant": "other",
                         "targeting": {"if": [{"$ref": "isNL"}, "nl", null]}},
            "targeted-no-default": {"state": "ENABLED", "variants": {"nl": "dutch"},
                                    "targeting": {"if": [{"$ref": "isNL"}, "nl", null]}},
            "disabled": {"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on",
                         "targeting": {"if": [true, "off", null]}},
            "stray": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {"cat": ["b"]}},
            "boolean-names": {"state": "ENABLED", "variants": {"true": "yes", "false": "no"}, "defaultVariant": "false",
                              "targeting": {">": [{"var": "age"}, 17]}},
            "number-names": {"state": "ENABLED", "variants": {"1": "one", "2": "two"}, "defaultVariant": "1",
                             "targeting": {"+": [1, 1]}},
            "object-flag": {"state": "ENABLED", "variants": {"cfg": {"model": "v2", "limit": 3}}, "defaultVariant": "cfg"},
            "clock": {"state": "ENABLED", "variants": {"before": 0, "after": 1}, "defaultVariant": "before",
                      "targeting": {"if": [{">=": [{"var": "$flagd.timestamp"}, 1700000000]}, "after", "before"]}},
            "self-aware": {"state": "ENABLED", "variants": {"self-aware": "me", "other": "not me"}, "defaultVariant": "other",
                           "targeting": {"var": "$flagd.flagKey"}},
            "by-key": {"state": "ENABLED", "variants": {"u1": "first", "none": "anonymous"}, "defaultVariant": "none",
                       "targeting": {"if": [{"==": [{"var": "targetingKey"}, "u1"]}, "u1", null]}}
          }
        }
        """#

    static func evaluator(now: Double = 1_750_000_000) throws -> FlagEvaluator {
        FlagEvaluator(flagSet: try FlagSet(parsing: Data(document.utf8)), clock: { now })
    }

    static let dutch = EvaluationContext(targetingKey: "u1", attributes: ["country": "NL", "age": 30])

    @Test("STATIC: no targeting serves the default variant; flag metadata overrides set metadata")
    func staticReason() throws {
        let result = try Self.evaluator().evaluate("static-flag")
        #expect(result == FlagResolution(
            flagKey: "static-flag", value: true, variant: "on", reason: .static,
            metadata: ["owner": "ml", "scope": "flag"]))
    }

    @Test("DEFAULT without a default variant: no value, so the caller's default applies")
    func defaultWithoutVariant() throws {
        let result = try Self.evaluator().evaluate("no-default", expecting: .string)
        #expect(result.reason == .default)
        #expect(result.value == nil && result.variant == nil && result.errorCode == nil)
    }

    @Test("TARGETING_MATCH when targeting names a variant; DEFAULT when it returns null")
    func targeting() throws {
        let evaluator = try Self.evaluator()
        let match = evaluator.evaluate("targeted", context: Self.dutch)
        #expect(match.value == "dutch" && match.variant == "nl" && match.reason == .targetingMatch)
        let fallback = evaluator.evaluate("targeted", context: EvaluationContext(attributes: ["country": "DE"]))
        #expect(fallback.value == "default" && fallback.variant == "other" && fallback.reason == .default)
        let nothing = evaluator.evaluate("targeted-no-default", context: EvaluationContext())
        #expect(nothing.value == nil && nothing.variant == nil && nothing.reason == .default)
    }

    @Test("DISABLED: a successful result without a value, targeting ignored")
    func disabled() throws {
        let result = try Self.evaluator().evaluate("disabled", context: Self.dutch, expecting: .string)
        #expect(result == FlagResolution(flagKey: "disabled", value: nil, variant: nil, reason: .disabled, metadata: ["owner": "ml", "scope": "set"]))
    }

    @Test("FLAG_NOT_FOUND for an unknown key")
    func notFound() throws {
        let result = try Self.evaluator().evaluate("nope")
        #expect(result.reason == .error && result.errorCode == .flagNotFound && result.value == nil)
    }

    @Test("GENERAL when targeting returns a name that is not a variant")
    func strayVariant() throws {
        let result = try Self.evaluator().evaluate("stray")
        #expect(result.reason == .error && result.errorCode == .general && result.variant == nil)
        #expect(result.errorMessage?.contains(#""b""#) == true)
    }

    @Test("booleans and numbers returned by targeting name variants by their text")
    func nonStringVariantNames() throws {
        let evaluator = try Self.evaluator()
        #expect(evaluator.evaluate("boolean-names", context: Self.dutch).variant == "true")
        #expect(evaluator.evaluate("boolean-names", context: EvaluationContext(attributes: ["age": 3])).value == "no")
        #expect(evaluator.evaluate("number-names").value == "two")
    }

    @Test("TYPE_MISMATCH when the resolved value has another type", arguments: [
        ("static-flag", FlagValueType.string, true), ("static-flag", .boolean, false), ("object-flag", .object, false),
        ("object-flag", .number, true), ("clock", .integer, false), ("clock", .number, false), ("targeted", .boolean, true),
    ])
    func typeMismatch(flag: String, type: FlagValueType, mismatch: Bool) throws {
        let result = try Self.evaluator().evaluate(flag, context: Self.dutch, expecting: type)
        #expect((result.errorCode == .typeMismatch) == mismatch)
        #expect((result.reason == .error) == mismatch)
        if mismatch { #expect(result.value == nil && result.variant == nil) }
    }

    @Test("PARSE_ERROR when targeting uses an operator the evaluator does not know")
    func parseError() {
        let flag = Flag(key: "raw", variants: ["a": 1], defaultVariant: "a", targeting: ["nope": [1]])
        let result = FlagEvaluator(flagSet: FlagSet(flags: [flag])).evaluate("raw")
        #expect(result.reason == .error && result.errorCode == .parseError)
    }

    @Test("GENERAL when a programmatic flag's default variant is missing")
    func missingDefaultVariant() {
        let flag = Flag(key: "raw", variants: ["a": 1], defaultVariant: "zz")
        let result = FlagEvaluator(flagSet: FlagSet(flags: [flag])).evaluate("raw")
        #expect(result.errorCode == .general)
    }

    @Test("injects $flagd.timestamp from the clock, $flagd.flagKey and targetingKey")
    func injectedContext() throws {
        #expect(try Self.evaluator(now: 1_699_999_999.9).evaluate("clock").variant == "before")
        #expect(try Self.evaluator(now: 1_700_000_000).evaluate("clock").variant == "after")
        #expect(try Self.evaluator().evaluate("self-aware").value == "me")
        #expect(try Self.evaluator().evaluate("by-key", context: Self.dutch).value == "first")
        // An attribute cannot pretend to be the targeting key or $flagd.
        let spoof = EvaluationContext(attributes: ["targetingKey": "u1", "$flagd": ["flagKey": "other"]])
        #expect(try Self.evaluator().evaluate("by-key", context: spoof).value == "anonymous")
        #expect(try Self.evaluator().evaluate("self-aware", context: spoof).value == "me")
    }

    @Test("reads OpenFeature context objects")
    func contextFromJSON() throws {
        let context = try EvaluationContext(json: ["targetingKey": "u9", "country": "NL"])
        #expect(context == EvaluationContext(targetingKey: "u9", attributes: ["country": "NL"]))
        #expect(throws: EvaluationContextError.self) { try EvaluationContext(json: ["targetingKey": 5]) }
        #expect(throws: EvaluationContextError.self) { try EvaluationContext(json: [1]) }
    }

    @Test("evaluates every flag for bulk requests, ordered by key")
    func evaluateAll() throws {
        let results = try Self.evaluator().evaluateAll(context: Self.dutch)
        #expect(results.map(\.flagKey) == results.map(\.flagKey).sorted())
        #expect(results.count == 12)
        #expect(results.first { $0.flagKey == "targeted" }?.variant == "nl")
    }

    @Test("serializes results for the command line and OFREP")
    func resultJSON() throws {
        let result = try Self.evaluator().evaluate("targeted", context: Self.dutch)
        #expect(result.json.serialized() == #"{"key":"targeted","metadata":{"owner":"ml","scope":"set"},"reason":"TARGETING_MATCH","value":"dutch","variant":"nl"}"#)
        let failure = try Self.evaluator().evaluate("nope")
        #expect(failure.json.serialized() == #"{"errorCode":"FLAG_NOT_FOUND","errorMessage":"flag \"nope\" is not defined","key":"nope","metadata":{},"reason":"ERROR"}"#)
        let encoded = try JSONEncoder().encode(result)
        #expect(try JSONValue(parsing: encoded) == result.json)
    }
}
