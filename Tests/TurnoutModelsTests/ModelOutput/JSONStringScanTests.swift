import Foundation
import Testing
import TurnoutModels

/// The JSON scanner reads the plain part of a string eight bytes at a time: a quote, backslash,
/// control character or non-ASCII byte at any position relative to those words must still be
/// read (or refused) exactly as byte by byte. Strings are read back as a V2 `BYTES` output's
/// labels and checked against Foundation's JSON parser.
@Suite("JSON strings read a word at a time")
struct JSONStringScanTests {
    static func body(_ string: [UInt8]) -> [UInt8] {
        Array(#"{"outputs":[{"name":"o","datatype":"BYTES","shape":[1],"data":[""#.utf8) + string + Array(#""]}]}"#.utf8)
    }

    /// What Foundation reads as the string, or nil when it refuses the document.
    static func foundationString(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let outputs = object["outputs"] as? [[String: Any]], let data = outputs.first?["data"] as? [Any] else { return nil }
        return data.first as? String
    }

    @Test("a special character at every offset of strings up to 40 bytes reads as Foundation reads it")
    func specialAtEveryOffset() throws {
        let specials = [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, #"\ud83d\ude00"#, "/", "é", "日本", "😀", "~"]
        for length in 0..<40 {
            for position in 0...length {
                for special in specials {
                    let string = Array(String(repeating: "a", count: position).utf8) + Array(special.utf8)
                        + Array(String(repeating: "b", count: length - position).utf8)
                    let body = Self.body(string)
                    let expected = try #require(Self.foundationString(body))
                    let output = try ModelOutputReader.read(body, format: .v2)
                    #expect(output.labels == [expected], "\(String(decoding: string, as: UTF8.self))")
                }
            }
        }
    }

    @Test("a control character or invalid UTF-8 at every offset is refused, as Foundation refuses it")
    func refusedAtEveryOffset() {
        for length in 1..<40 {
            for position in 0..<length {
                for bad: [UInt8] in [[0x01], [0x1F], [0x0A], [0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80]] {
                    var string = Array(repeating: UInt8(ascii: "a"), count: length)
                    string.replaceSubrange(position...position, with: bad)
                    let body = Self.body(string)
                    #expect(Self.foundationString(body) == nil)
                    #expect(throws: ModelOutputError.self) { try ModelOutputReader.read(body, format: .v2) }
                }
            }
        }
    }
}
