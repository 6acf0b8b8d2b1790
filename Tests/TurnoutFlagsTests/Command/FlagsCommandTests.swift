import Foundation
import Testing
import TurnoutFlags

@Suite("flags validate / flags eval entry points")
struct FlagsCommandTests {
    static let flags = Data(#"""
        {"flags": {"rollout": {"state": "ENABLED", "variants": {"v1": "v1", "v2": "v2"}, "defaultVariant": "v1",
          "targeting": {"if": [{"ends_with": [{"var": "email"}, "@example.com"]}, "v2", null]}}}}
        """#.utf8)

    @Test("validate returns no problems for a valid file and one line per problem otherwise")
    func validate() {
        #expect(FlagsCommand.validate(Self.flags).isEmpty)
        let problems = FlagsCommand.validate(Data(#"{"flags": {"x": {"state": "ENABLED", "variants": {"a": 1}, "defaultVariant": "b"}}}"#.utf8))
        #expect(problems.map(\.description) == [#"flags.x.defaultVariant: "b" is not one of the variants [a]"#])
    }

    @Test("eval resolves a flag against a JSON context")
    func evaluate() throws {
        let result = try FlagsCommand.evaluate(
            flags: Self.flags, flagKey: "rollout", context: #"{"targetingKey": "u1", "email": "a@example.com"}"#
        ).get()
        #expect(result.value == "v2" && result.variant == "v2" && result.reason == .targetingMatch)
        let plain = try FlagsCommand.evaluate(flags: Self.flags, flagKey: "rollout", context: nil).get()
        #expect(plain.reason == .default && plain.value == "v1")
        let typed = try FlagsCommand.evaluate(flags: Self.flags, flagKey: "rollout", context: "{}", expecting: .boolean).get()
        #expect(typed.errorCode == .typeMismatch)
    }

    @Test("eval refuses a broken flag file or context")
    func evaluateFailures() {
        #expect(throws: FlagsCommandError.self) { try FlagsCommand.evaluate(flags: Data("{".utf8), flagKey: "x", context: nil).get() }
        let badContext = FlagsCommand.evaluate(flags: Self.flags, flagKey: "rollout", context: "[1]")
        #expect(badContext == .failure(.invalidContext("context: the context must be a JSON object, got array")))
        let badJSON = FlagsCommand.evaluate(flags: Self.flags, flagKey: "rollout", context: "{nope}")
        #expect(badJSON == .failure(.invalidContext("context: invalid JSON at byte 1: expected a string key")))
    }
}
