import Foundation
import Testing
import TurnoutCore

/// YAML documents that cost far more than their size (issue 19): refused before Yams expands them.
@Suite("YAML budget")
struct YAMLBudgetTests {
    private func refusal(_ yaml: String) -> String? {
        do {
            _ = try ConfigValue.parse(yaml: yaml)
            return nil
        } catch {
            return error.description
        }
    }

    /// Nested anchors in the shape of the issue's 514-byte document: each level refers to the
    /// previous one nine times, 9^9 nodes once expanded.
    static var nestedAnchors: String {
        var lines = [#"a0: &a0 ["x","x","x","x","x","x","x","x","x"]"#]
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",")
            lines.append("a\(level): &a\(level) [\(previous)]")
        }
        return lines.joined(separator: "\n")
    }

    @Test("nested anchors are refused before anything is expanded, naming the line")
    func billionLaughs() {
        let message = refusal(Self.nestedAnchors)
        #expect(message == "(document): line 1: YAML anchors (&name) and aliases are not supported; write the value out")
    }

    @Test("an alias used as a mapping key is refused too (Yams hashes keys while composing)")
    func aliasKey() {
        #expect(refusal("a: &k [1, 2]\n? *k\n: 3")?.contains("line 1: YAML anchors") == true)
        #expect(refusal("a: 1\nb: *undefined")?.contains("line 2: YAML aliases (*name) are not supported") == true)
    }

    @Test("a syntax error is one line with its line and column")
    func syntaxError() {
        #expect(refusal("models:\n  m: [a\n  b: 1\n") == "(document): not valid YAML: line 3, column 4: did not find expected ',' or ']'")
    }

    @Test("ampersands and asterisks inside strings and comments are text, not anchors")
    func textIsNotAnAnchor() throws {
        let value = try ConfigValue.parse(yaml: "a: 'x &y *z'\nb: fish & chips *today # &c *d\nc: \"*\"\nd: |\n  &not *an alias\n")
        #expect(value["a"] == .string("x &y *z"))
        #expect(value["b"] == .string("fish & chips *today"))
        #expect(value["d"] == .string("&not *an alias\n"))
    }

    @Test("lists and mappings nested deeper than 64 levels are refused; 64 are accepted")
    func depth() throws {
        _ = try ConfigValue.parse(yaml: String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        let deep = refusal(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))
        #expect(deep == "(document): line 1: lists and mappings nested deeper than 64 levels")
        // 100,000 open brackets: no stack overflow, a clear refusal (libyaml's scanner, reading
        // ahead, reaches its own limit before the events reach ours; the message is the same).
        #expect(refusal(String(repeating: "[", count: 100_000)) == "(document): line 1: lists and mappings nested deeper than 64 levels")
        #expect(refusal(String(repeating: "{a: ", count: 100_000))?.contains("nested deeper than 64 levels") == true)
    }

    @Test("more than 100,000 values in one document are refused")
    func nodeCount() {
        let many = "[" + Array(repeating: "1", count: 100_001).joined(separator: ",") + "]"
        #expect(refusal(many)?.contains("more than 100000 values in one document") == true)
    }

    @Test("documents over 4 MiB are refused before they are parsed")
    func size() {
        let big = "a: \"" + String(repeating: "x", count: 4 << 20) + "\""
        #expect(refusal(big) == "(document): larger than 4 MiB")
    }

    @Test("a release document sent to the admin API gets the same refusal")
    func releaseDocument() {
        let model = ModelConfig(name: "m", versions: [VersionConfig(name: "v1", backend: .builtin(path: "a.json"))], release: .single(version: "v1"))
        #expect(throws: ConfigError.self) { try ReleaseSpec.parse(Self.nestedAnchors, for: model) }
    }
}
