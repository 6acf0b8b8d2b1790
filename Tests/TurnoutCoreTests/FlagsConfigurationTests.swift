import Testing
import TurnoutCore

/// The `flags:` key: a path, a list of paths, or `{files, fractional}`.
@Suite("flags configuration")
struct FlagsConfigurationTests {
    static let models = """
        models:
          m: { versions: { v1: { upstream: "http://127.0.0.1:9" } } }
        """

    @Test("a path or a list keeps v2 hashing; the mapping form chooses v2 or v3")
    func forms() throws {
        let single = try TurnoutConfig.parse(yaml: "flags: a.json\n" + Self.models)
        #expect(single.flagFiles == ["a.json"] && single.flagsFractionalHashing == "v2")
        let list = try TurnoutConfig.parse(yaml: "flags: [a.json, b.json]\n" + Self.models)
        #expect(list.flagFiles == ["a.json", "b.json"])
        let v3 = try TurnoutConfig.parse(yaml: "flags: { files: [a.json], fractional: v3 }\n" + Self.models)
        #expect(v3.flagFiles == ["a.json"] && v3.flagsFractionalHashing == "v3")
    }

    @Test("an unknown hashing, missing files or an unknown key are refused with the key named")
    func problems() {
        #expect {
            _ = try TurnoutConfig.parse(yaml: "flags: { files: a.json, fractional: v4 }\n" + Self.models)
        } throws: { error in
            "\(error)".contains(#"flags.fractional: expected v2 (flagd's current hashing) or v3 (CBOR, flagd-core 2.x), got "v4""#)
        }
        #expect {
            _ = try TurnoutConfig.parse(yaml: "flags: { fractional: v3 }\n" + Self.models)
        } throws: { error in
            "\(error)".contains("flags.files: missing")
        }
        #expect {
            _ = try TurnoutConfig.parse(yaml: "flags: { files: a.json, hashing: v3 }\n" + Self.models)
        } throws: { error in
            "\(error)".contains("flags.hashing")
        }
    }
}
