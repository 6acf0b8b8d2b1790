import Foundation
import Testing
import TurnoutFlags

@Suite("JSONValue parsing and serialization")
struct JSONValueTests {
    @Test("parses every kind of value")
    func parsesAllKinds() throws {
        let value = try JSONValue(parsing: #"{"a": [1, -2.5e2, true, false, null], "b": {"c": "d"}, "e": ""}"#)
        #expect(value == ["a": [1, -250, true, false, nil], "b": ["c": "d"], "e": ""])
    }

    @Test("keeps true apart from 1 and reads escapes and surrogate pairs")
    func readsEscapes() throws {
        #expect(try JSONValue(parsing: "[true, 1]") == .array([.bool(true), .number(1)]))
        let text = try JSONValue(parsing: #""tab\t quote\" slash\/ \u00e9 \ud83d\ude80""#)
        #expect(text == .string("tab\t quote\" slash/ é 🚀"))
    }

    @Test("rejects malformed JSON with the byte offset", arguments: [
        ("{\"a\": }", 6), ("[1, 2", 5), ("tru", 3), ("01", 1), ("\"\\ud800\"", 7), ("{} x", 3), ("", 0),
    ])
    func rejectsMalformed(text: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        do {
            _ = try JSONValue(parsing: text)
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("serializes compactly with sorted keys and JavaScript number text")
    func serializes() {
        let value: JSONValue = ["b": [1, 2.5, "x\n\"y\""], "a": nil, "c": ["d": true]]
        #expect(value.serialized() == #"{"a":null,"b":[1,2.5,"x\n\"y\""],"c":{"d":true}}"#)
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.string("\u{01}").serialized() == #""\u0001""#)
    }

    @Test("round-trips through Codable")
    func roundTripsCodable() throws {
        let value: JSONValue = ["list": [1, "two", false, nil], "nested": ["x": 1.5]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
        #expect(try JSONValue(parsing: data) == value)
    }

    // Expected strings are what JavaScript's String(number) prints (ECMAScript Number::toString).
    @Test("formats numbers as JavaScript does", arguments: [
        (1.0, "1"), (-0.0, "0"), (100.0, "100"), (123.456, "123.456"), (0.1 + 0.2, "0.30000000000000004"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (0.000001, "0.000001"), (1e-7, "1e-7"),
        (1.5e-10, "1.5e-10"), (9007199254740993.0, "9007199254740992"), (-42.0, "-42"), (2.5e+25, "2.5e+25"),
        (Double.infinity, "Infinity"), (Double.nan, "NaN"),
    ])
    func formatsNumbers(value: Double, expected: String) {
        #expect(JavaScriptNumberFormat.string(value) == expected)
    }
}

/// JavaScript coercions, with expectations from the ECMAScript rules for ToNumber, ToString, == and <.
@Suite("JavaScript coercions")
struct JavaScriptCoercionTests {
    @Test("ToNumber", arguments: [
        (JSONValue.string(""), 0.0), (" 12 ", 12), ("0x10", 16), ("1e3", 1000), ("-1.5", -1.5), (".5", 0.5),
        ("5.", 5), ("Infinity", .infinity), ([], 0), ([5], 5), (nil, 0), (true, 1), (false, 0),
    ] as [(JSONValue, Double)])
    func toNumber(value: JSONValue, expected: Double) {
        #expect(value.javaScriptNumber == expected, "\(value)")
    }

    @Test("ToNumber gives NaN", arguments: ["abc", "1_000", "inf", "12px", "0x", [1, 2], ["a": 1]] as [JSONValue])
    func toNumberNaN(value: JSONValue) {
        #expect(value.javaScriptNumber.isNaN, "\(value)")
    }

    @Test("parseFloat reads a numeric prefix", arguments: [
        (JSONValue.string("12px"), 12.0), ("  3.5e1x", 35), ("-.5", -0.5), ([7], 7),
    ] as [(JSONValue, Double)])
    func parseFloat(value: JSONValue, expected: Double) {
        #expect(value.javaScriptParseFloat == expected)
    }

    @Test("parseFloat of null, booleans and text without digits is NaN", arguments: [nil, true, "", "abc"] as [JSONValue])
    func parseFloatNaN(value: JSONValue) {
        #expect(value.javaScriptParseFloat.isNaN)
    }

    @Test("String()", arguments: [
        (JSONValue.null, "null"), (true, "true"), (1.5, "1.5"), ([1, nil, "a", [2, 3]], "1,,a,2,3"), (["k": 1], "[object Object]"),
    ] as [(JSONValue, String)])
    func toString(value: JSONValue, expected: String) {
        #expect(value.javaScriptString == expected)
    }

    @Test("loose equality ==", arguments: [
        (JSONValue.number(1), JSONValue.string("1"), true), (0, "", true), (nil, 0, false), (nil, nil, true),
        (true, "1", true), (false, "0", true), (true, 2, false), ([1], 1, true), ([1, 2], "1,2", true),
        ([], [], false), ("abc", "abc", true), (.number(.nan), .number(.nan), false), (nil, false, false),
        (["a": 1], "[object Object]", true),
    ] as [(JSONValue, JSONValue, Bool)])
    func looseEquality(a: JSONValue, b: JSONValue, expected: Bool) {
        #expect(a.looselyEquals(b) == expected, "\(a) == \(b)")
        #expect(b.looselyEquals(a) == expected, "\(b) == \(a)")
    }

    @Test("truthiness: empty arrays are false, \"0\" and objects are true", arguments: [
        (JSONValue.array([]), false), ([0], true), ("0", true), ("", false), (0, false), (.number(.nan), false),
        (nil, false), (["a": 1], true), ([:], true), (-1, true),
    ] as [(JSONValue, Bool)])
    func truthiness(value: JSONValue, expected: Bool) {
        #expect(value.isTruthy == expected)
    }
}
