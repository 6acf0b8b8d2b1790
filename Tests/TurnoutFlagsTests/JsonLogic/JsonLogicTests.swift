import Testing
import TurnoutFlags

/// JsonLogic operators. Expected results follow the examples on jsonlogic.com and
/// json-logic-js's JavaScript semantics.
@Suite("JsonLogic standard operators")
struct JsonLogicTests {
    static let data: JSONValue = [
        "a": 1, "b": ["c": ["d": "deep"]], "list": [10, 20, 30], "name": "Ada", "empty": "", "nothing": nil,
        "pie": ["filling": "apple"], "temp": 100,
    ]

    static func run(_ rule: String, _ data: JSONValue = data) throws -> JSONValue {
        try JsonLogic().apply(try JSONValue(parsing: rule), to: data)
    }

    @Test("evaluates", arguments: [
        // var: paths, defaults, array indices, whole data
        (#"{"var": "a"}"#, JSONValue.number(1)),
        (#"{"var": ["b.c.d"]}"#, "deep"),
        (#"{"var": ["z", 26]}"#, 26),
        (#"{"var": "list.1"}"#, 20),
        (#"{"var": 1}"#, nil),
        (#"{"var": "nothing"}"#, nil),
        (#"{"var": ["nothing", 5]}"#, nil),
        (#"{"var": "list.length"}"#, 3),
        (#"{"var": "b.x.y"}"#, nil),
        // missing / missing_some
        (#"{"missing": ["a", "zz", "empty", "nothing"]}"#, ["zz", "empty", "nothing"]),
        (#"{"missing": [["a", "q"]]}"#, ["q"]),
        (#"{"missing_some": [1, ["a", "q"]]}"#, []),
        (#"{"missing_some": [2, ["a", "q", "r"]]}"#, ["q", "r"]),
        // if and ?:
        (#"{"if": [true, "yes", "no"]}"#, "yes"),
        (#"{"if": [[], "yes", "no"]}"#, "no"),
        (#"{"if": [{"<": [{"var": "temp"}, 0]}, "freezing", {"<": [{"var": "temp"}, 100]}, "liquid", "gas"]}"#, "gas"),
        (#"{"if": [false, 1]}"#, nil),
        (#"{"if": ["else only"]}"#, "else only"),
        (#"{"?:": [0, "a", "b"]}"#, "b"),
        // equality
        (#"{"==": [1, "1"]}"#, true),
        (#"{"==": [0, false]}"#, true),
        (#"{"===": [1, "1"]}"#, false),
        (#"{"===": [1, 1.0]}"#, true),
        (#"{"!=": [1, "2"]}"#, true),
        (#"{"!==": [1, "1"]}"#, true),
        (#"{"==": [null, 0]}"#, false),
        // ! and !!
        (#"{"!": [true]}"#, false),
        (#"{"!": true}"#, false),
        (#"{"!!": [[]]}"#, false),
        (#"{"!!": ["0"]}"#, true),
        // and / or return values
        (#"{"and": [true, "a", 3]}"#, 3),
        (#"{"and": [true, "", 3]}"#, ""),
        (#"{"or": [false, 0, "a"]}"#, "a"),
        (#"{"or": [false, 0]}"#, 0),
        (#"{"and": []}"#, nil),
        // comparisons, including "between"
        (#"{">": [2, 1]}"#, true),
        (#"{">=": [1, 1]}"#, true),
        (#"{"<": [1, 2, 3]}"#, true),
        (#"{"<": [1, 1, 3]}"#, false),
        (#"{"<=": [1, 1, 3]}"#, true),
        (#"{"<": ["10", "9"]}"#, true),
        (#"{"<": ["10", 9]}"#, false),
        (#"{"<": [null, 1]}"#, true),
        (#"{">": ["abc", 1]}"#, false),
        (#"{"<": [1]}"#, false),
        // arithmetic
        (#"{"+": [4, 2]}"#, 6),
        (#"{"+": [2, 2, 2, 2]}"#, 8),
        (#"{"+": "3.14"}"#, 3.14),
        (#"{"+": ["1", "2px"]}"#, 3),
        (#"{"-": [4, 2]}"#, 2),
        (#"{"-": [2]}"#, -2),
        (#"{"*": [4, "2"]}"#, 8),
        (#"{"/": [4, 2]}"#, 2),
        (#"{"%": [101, 2]}"#, 1),
        (#"{"%": [-7, 3]}"#, -1),
        (#"{"min": [1, 2, 3]}"#, 1),
        (#"{"max": [1, "5", 3]}"#, 5),
        // strings and arrays
        (#"{"in": ["Spring", "Springfield"]}"#, true),
        (#"{"in": ["Ring", ["Ring", "Bell"]]}"#, true),
        (#"{"in": ["1", [1, 2]]}"#, false),
        (#"{"in": ["x", null]}"#, false),
        (#"{"in": ["", "abc"]}"#, true),
        (#"{"in": ["e", "e\u0301"]}"#, true),
        (#"{"in": [1, "a1b"]}"#, true),
        (#"{"cat": ["I love", " pie"]}"#, "I love pie"),
        (#"{"cat": ["I love ", {"var": "pie.filling"}, " pie"]}"#, "I love apple pie"),
        (#"{"cat": [1.5, null, true, [1, 2]]}"#, "1.5nulltrue1,2"),
        (#"{"substr": ["jsonlogic", 4]}"#, "logic"),
        (#"{"substr": ["jsonlogic", -5]}"#, "logic"),
        (#"{"substr": ["jsonlogic", 1, 3]}"#, "son"),
        (#"{"substr": ["jsonlogic", 4, -2]}"#, "log"),
        (#"{"substr": ["jsonlogic", 20]}"#, ""),
        (#"{"merge": [[1, 2], [3, 4]]}"#, [1, 2, 3, 4]),
        (#"{"merge": [1, 2, [3, 4]]}"#, [1, 2, 3, 4]),
        // map / filter / reduce / all / some / none
        (#"{"map": [{"var": "list"}, {"*": [{"var": ""}, 2]}]}"#, [20, 40, 60]),
        (#"{"map": [{"var": "name"}, 1]}"#, []),
        (#"{"filter": [[1, 2, 3, 4, 5], {"%": [{"var": ""}, 2]}]}"#, [1, 3, 5]),
        (#"{"reduce": [{"var": "list"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}"#, 60),
        (#"{"reduce": [[], {"+": [1, 1]}, {"var": "a"}]}"#, 1),
        (#"{"all": [[1, 2, 3], {">": [{"var": ""}, 0]}]}"#, true),
        (#"{"all": [[], {">": [{"var": ""}, 0]}]}"#, false),
        (#"{"some": [[-1, 0, 1], {">": [{"var": ""}, 0]}]}"#, true),
        (#"{"none": [[-3, -2], {">": [{"var": ""}, 0]}]}"#, true),
        (#"{"log": "apple"}"#, "apple"),
        // literals: arrays evaluate elementwise, multi-key objects are data
        (#"[{"var": "a"}, 2]"#, [1, 2]),
        (#"{"a": 1, "b": 2}"#, ["a": 1, "b": 2]),
    ] as [(String, JSONValue)])
    func evaluates(rule: String, expected: JSONValue) throws {
        #expect(try Self.run(rule) == expected, "\(rule)")
    }

    @Test("division by zero and NaN follow IEEE arithmetic like JavaScript")
    func nonFiniteArithmetic() throws {
        #expect(try Self.run(#"{"/": [1, 0]}"#) == .number(.infinity))
        #expect(try Self.run(#"{"*": ["a", 2]}"#).numberValue?.isNaN == true)
    }

    @Test("control flow does not evaluate the branch it skips")
    func shortCircuits() throws {
        // The unknown operator would throw if it were evaluated.
        #expect(try Self.run(#"{"if": [true, 1, {"boom": []}]}"#) == 1)
        #expect(try Self.run(#"{"and": [false, {"boom": []}]}"#) == false)
        #expect(try Self.run(#"{"or": [true, {"boom": []}]}"#) == true)
    }

    @Test("an unknown operator is an error")
    func unknownOperator() {
        #expect(throws: JsonLogicError.unknownOperator("boom")) { try Self.run(#"{"boom": [1]}"#) }
        #expect(throws: JsonLogicError.unknownOperator("fractional")) { try Self.run(#"{"fractional": [["a", 1]]}"#) }
    }

    @Test("custom operators receive evaluated arguments and the data")
    func customOperator() throws {
        let logic = JsonLogic(customOperators: ["echo": { arguments, data in .array(arguments + [data["a"] ?? nil]) }])
        #expect(try logic.apply(try JSONValue(parsing: #"{"echo": [{"+": [1, 1]}]}"#), to: Self.data) == [2, 1])
        #expect(logic.knowsOperator("echo"))
        #expect(!JsonLogic().knowsOperator("echo"))
    }
}
