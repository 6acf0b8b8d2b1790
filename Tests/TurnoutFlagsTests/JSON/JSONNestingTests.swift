import Testing
import TurnoutFlags

/// The same nesting limit as every parser of the gateway (issue 19): 64 levels, refused
/// with a message instead of a stack overflow, however deep the input goes.
@Suite("JSON nesting limit")
struct JSONNestingTests {
    @Test("100,000 nested brackets or objects are refused without overflowing the stack")
    func deepInput() {
        for text in [String(repeating: "[", count: 100_000), String(repeating: #"{"a":"#, count: 100_000)] {
            #expect {
                try JSONValue(parsing: text)
            } throws: { error in
                "\(error)".contains("nesting deeper than 64")
            }
        }
    }

    @Test("64 levels are accepted, 65 refused")
    func boundary() throws {
        _ = try JSONValue(parsing: String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) }
    }
}
