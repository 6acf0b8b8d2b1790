import Foundation
import Testing
import TurnoutFlags

@Suite("Flag definition parsing and validation")
struct FlagSetParsingTests {
    static func problems(_ text: String) -> [String] {
        FlagsCommand.validate(Data(text.utf8)).map(\.description)
    }

    @Test("reads flags, metadata and substitutes $ref rules")
    func readsValidDocument() throws {
        let set = try FlagSet(parsing: Data(#"""
            {
              "$schema": "https://flagd.dev/schema/v0/flags.json",
              "metadata": {"owner": "ml", "version": 3},
              "$evaluators": {"isBeta": {"in": [{"var": "tier"}, ["beta"]]}},
              "flags": {
                "model-version": {
                  "state": "ENABLED",
                  "variants": {"v1": "v1", "v2": "v2"},
                  "defaultVariant": "v1",
                  "targeting": {"if": [{"$ref": "isBeta"}, "v2", null]},
                  "metadata": {"critical": true}
                },
                "kill-switch": {"state": "DISABLED", "variants": {"on": true, "off": false}, "defaultVariant": null},
                "plain": {"state": "ENABLED", "variants": {"a": 1}, "targeting": {}}
              }
            }
            """#.utf8))
        #expect(set.metadata == ["owner": "ml", "version": 3])
        let flag = try #require(set.flags["model-version"])
        #expect(flag.targeting == ["if": [["in": [["var": "tier"], ["beta"]]], "v2", nil]])
        #expect(flag.metadata == ["critical": true])
        #expect(flag.valueType == .string)
        #expect(set.flags["kill-switch"]?.state == .disabled)
        #expect(set.flags["kill-switch"]?.defaultVariant == nil)
        #expect(set.flags["plain"]?.targeting == nil)
        #expect(set.flags["plain"]?.defaultVariant == nil)
    }

    @Test("reports a default variant that names no variant, with its path")
    func defaultVariantNotInVariants() {
        let found = Self.problems(#"{"flags": {"my-flag": {"state": "ENABLED", "variants": {"red": 1, "green": 2}, "defaultVariant": "blue"}}}"#)
        #expect(found == [#"flags.my-flag.defaultVariant: "blue" is not one of the variants [green, red]"#])
    }

    @Test("reports every problem in one pass")
    func reportsAllProblems() {
        let found = Self.problems(#"""
            {
              "metadata": {"owner": {"team": "x"}},
              "$evaluators": {"loop": {"$ref": "loop"}, "bad": {"nope": [1]}},
              "flags": {
                "a": {"state": "ON", "variants": {"x": true}, "defaultVariant": "x"},
                "b": {"variants": {"x": true, "y": "text"}, "defaultVariant": 3},
                "c": {"state": "ENABLED", "variants": {}, "defaultVarient": "x"},
                "d": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": "x", "targeting": {"if": [{"$ref": "missing"}, "x", null]}},
                "e": {"state": "ENABLED", "variants": {"x": 1}, "defaultVariant": "x", "targeting": "x"},
                "f": {"state": "ENABLED", "variants": {"x": null}, "metadata": {"tags": ["a"]}},
                "g": []
              }
            }
            """#)
        let expected = [
            #"metadata.owner: expected a string, number or boolean, got object"#,
            #"flags.a.state: expected ENABLED or DISABLED, got "ON""#,
            #"flags.b.state: is required (ENABLED or DISABLED)"#,
            #"flags.b.variants: variants must all have one type (boolean, string, number or object), but x is boolean, y is string"#,
            #"flags.b.defaultVariant: expected a variant name or null, got number"#,
            #"flags.c.defaultVarient: unknown property (a flag has state, variants, defaultVariant, targeting, metadata)"#,
            #"flags.c.variants: must name at least one variant"#,
            #"flags.d.targeting.if[0].$ref: "missing" is not defined in $evaluators [bad, loop]"#,
            #"flags.e.targeting: expected a JsonLogic rule object, got string"#,
            #"flags.f.variants.x: a variant value cannot be null"#,
            #"flags.f.metadata.tags: expected a string, number or boolean, got array"#,
            #"flags.g: expected a flag definition object, got array"#,
            #"$evaluators.bad: unknown JsonLogic operator "nope""#,
            #"$evaluators.loop.$ref: "loop" refers back to itself through $ref"#,
        ]
        #expect(found == expected)
    }

    @Test("reports unknown operators inside targeting rules")
    func unknownOperator() {
        let found = Self.problems(#"{"flags": {"f": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "a", "targeting": {"if": [{"fractionl": [["a", 1]]}, "a", null]}}}}"#)
        #expect(found == [#"flags.f.targeting.if[0]: unknown JsonLogic operator "fractionl""#])
    }

    @Test("reports documents that are not flag definitions", arguments: [
        ("[]", "$: the document must be a JSON object, got array"),
        ("{}", "flags: is required (an object of flag definitions)"),
        (#"{"flags": 1}"#, "flags: expected an object of flag definitions, got number"),
        (#"{"flags": {}, "$evaluators": []}"#, "$evaluators: expected an object of named targeting rules, got array"),
        ("{\"flags\": ", "$: invalid JSON at byte 10: unexpected end of input"),
    ])
    func invalidDocuments(text: String, expected: String) {
        #expect(Self.problems(text) == [expected])
    }

    @Test("accepts an empty flag set")
    func emptySet() throws {
        #expect(Self.problems(#"{"flags": {}}"#).isEmpty)
        #expect(try FlagSet(parsing: Data(#"{"flags": {}}"#.utf8)).flags.isEmpty)
    }
}
