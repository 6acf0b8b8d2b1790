import Foundation

/// Strong HTTP entity tags for OFREP bulk responses, and `If-None-Match` matching.
///
/// The tag is the FNV-1a 64-bit hash of the response body in 16 lowercase hex digits, quoted.
/// Hashing the body (rather than the flag file) keeps the tag right for context-dependent
/// answers: the same flags and context give the same bytes (object keys are serialized in
/// sorted order) and so the same tag, while any change in any value changes it.
public enum EntityTag {
    /// The quoted strong tag of `body`, e.g. `"af63bd4c8601b7df"`.
    public static func strong(for body: [UInt8]) -> String {
        let hex = String(fnv1a64(body), radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    public static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Whether an `If-None-Match` field value selects the representation tagged `tag`.
    ///
    /// RFC 9110 §13.1.2: the field is `*` or a comma-separated list of tags, compared weakly
    /// (a `W/` prefix is ignored). A tag sent without its quotes is accepted too, as flagd does.
    public static func ifNoneMatch(_ field: String, matches tag: String) -> Bool {
        candidates(in: field).contains { candidate in
            if candidate == "*" { return true }
            let bare = candidate.hasPrefix("W/") ? String(candidate.dropFirst(2)) : candidate
            return bare == tag || "\"" + bare + "\"" == tag
        }
    }

    /// The list members of a field value; a comma inside quotes belongs to its tag.
    static func candidates(in field: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        for character in field {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
