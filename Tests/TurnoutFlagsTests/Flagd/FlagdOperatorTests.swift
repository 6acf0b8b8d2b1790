import Testing
import TurnoutFlags

/// flagd's custom operators; expectations follow flagd's operator docs and SemVer 2.0.0 precedence.
@Suite("flagd custom operators")
struct FlagdOperatorTests {
    static func run(_ rule: String, _ data: JSONValue = [:]) throws -> JSONValue {
        try JsonLogic.flagd.apply(try JSONValue(parsing: rule), to: data)
    }

    @Test("sem_ver compares versions", arguments: [
        (#"["1.0.0", "=", "1.0.0"]"#, JSONValue.bool(true)),
        (#"["1.0.0+build.1", "=", "1.0.0+build.2"]"#, true),
        (#"["1.0.0", "!=", "1.0.1"]"#, true),
        (#"["1.2.3", "<", "1.2.10"]"#, true),
        (#"["1.0.0-alpha", "<", "1.0.0-alpha.1"]"#, true),
        (#"["1.0.0-alpha.1", "<", "1.0.0-alpha.beta"]"#, true),
        (#"["1.0.0-beta.2", "<", "1.0.0-beta.11"]"#, true),
        (#"["1.0.0-rc.1", "<", "1.0.0"]"#, true),
        (#"["1.0.0", "<=", "1.0.0"]"#, true),
        (#"["2.0.0", ">", "1.9.9"]"#, true),
        (#"["2.0.0", ">=", "2.0.1"]"#, false),
        (#"["v1.2", "=", "1.2.0"]"#, true),
        (#"["V3", "=", "3.0.0"]"#, true),
        (#"["1.2-rc.1", "=", "1.2.0-rc.1"]"#, true),
        (#"["1.5.0", "^", "1.0.0"]"#, true),
        (#"["2.0.0", "^", "1.9.0"]"#, false),
        (#"["1.2.5", "~", "1.2.0"]"#, true),
        (#"["1.3.0", "~", "1.2.0"]"#, false),
        (#"[1.5, "=", "1.5.0"]"#, true),
        (#"["01.2.3", "=", "1.2.3"]"#, nil),
        (#"["1.2.3.4", "=", "1.2.3"]"#, nil),
        (#"["1.0.0-01", "=", "1.0.0"]"#, nil),
        (#"["not-a-version", "<", "1.0.0"]"#, nil),
        (#"["1.0.0", "<>", "1.0.0"]"#, nil),
        (#"["1.0.0", "="]"#, nil),
        (#"[true, "=", "1.0.0"]"#, nil),
    ] as [(String, JSONValue)])
    func semanticVersion(arguments: String, expected: JSONValue) throws {
        #expect(try Self.run(#"{"sem_ver": \#(arguments)}"#) == expected, "\(arguments)")
    }

    @Test("starts_with and ends_with compare strings and reject anything else", arguments: [
        (#"{"starts_with": ["user@example.com", "user"]}"#, JSONValue.bool(true)),
        (#"{"starts_with": ["user@example.com", "admin"]}"#, false),
        (#"{"ends_with": ["user@example.com", "@example.com"]}"#, true),
        (#"{"ends_with": ["user@example.com", ".org"]}"#, false),
        (#"{"starts_with": ["e\u0301t\u00e9", "e"]}"#, true),
        (#"{"ends_with": ["zoë", "ë"]}"#, true),
        (#"{"starts_with": [1, "1"]}"#, nil),
        (#"{"ends_with": ["abc"]}"#, nil),
        (#"{"starts_with": [{"var": "missing"}, "a"]}"#, nil),
    ] as [(String, JSONValue)])
    func stringComparison(rule: String, expected: JSONValue) throws {
        #expect(try Self.run(rule) == expected)
    }

    static let flagdData: JSONValue = ["$flagd": ["flagKey": "headerColor"], "targetingKey": "user-1", "email": "a@b.c"]

    @Test("fractional uses flag key + targeting key by default")
    func fractionalDefaultKey() throws {
        let hash = MurmurHash3.x86_32("headerColoruser-1")
        let expected: JSONValue = FractionalOperator.bucketIndex(hash: hash, totalWeight: 100) < 50 ? "red" : "blue"
        #expect(try Self.run(#"{"fractional": [["red", 50], ["blue", 50]]}"#, Self.flagdData) == expected)
        // The same key given explicitly lands in the same bucket.
        #expect(try Self.run(#"{"fractional": ["headerColoruser-1", ["red", 50], ["blue", 50]]}"#, Self.flagdData) == expected)
    }

    @Test("fractional with weight 0 never picks that bucket and a single bucket always wins")
    func fractionalWeights() throws {
        for index in 0..<200 {
            let data: JSONValue = ["$flagd": ["flagKey": "f"], "targetingKey": .string("u\(index)")]
            #expect(try Self.run(#"{"fractional": [["never", 0], ["always", 5]]}"#, data) == "always")
            #expect(try Self.run(#"{"fractional": [["only"]]}"#, data) == "only")
            #expect(try Self.run(#"{"fractional": [["neg", -5], ["pos", 1]]}"#, data) == "pos")
        }
    }

    @Test("fractional yields null for malformed rules", arguments: [
        #"{"fractional": []}"#,
        #"{"fractional": [["a", 50], ["b", 50.5]]}"#,
        #"{"fractional": [["a", 50], ["b", "50"]]}"#,
        #"{"fractional": [["a", 50], ["b", 50, 1]]}"#,
        #"{"fractional": [["a", 50], []]}"#,
        #"{"fractional": [["a", 2147483647], ["b", 1]]}"#,
        #"{"fractional": [["a", 0], ["b", 0]]}"#,
        #"{"fractional": [{"var": "missing"}, ["a", 50], ["b", 50]]}"#,
        #"{"fractional": ["", ["a", 50], ["b", 50]]}"#,
        #"{"fractional": [7, ["a", 50], ["b", 50]]}"#,
    ])
    func fractionalMalformed(rule: String) throws {
        #expect(try Self.run(rule, Self.flagdData) == nil, "\(rule)")
    }

    @Test("fractional without a targeting key (absent or empty) yields null")
    func fractionalWithoutTargetingKey() throws {
        #expect(try Self.run(#"{"fractional": [["a", 1]]}"#, ["$flagd": ["flagKey": "f"]]) == nil)
        #expect(try Self.run(#"{"fractional": [["a", 1]]}"#, ["$flagd": ["flagKey": "f"], "targetingKey": ""]) == nil)
        #expect(try Self.run(#"{"fractional": [{"var": "email"}, ["a", 1]]}"#, ["email": "x@y"]) == "a")
    }

    @Test("fractional returns non-string variants as they are")
    func fractionalNonStringVariants() throws {
        #expect(try Self.run(#"{"fractional": [[true, 1], [false, 0]]}"#, Self.flagdData) == true)
    }
}
