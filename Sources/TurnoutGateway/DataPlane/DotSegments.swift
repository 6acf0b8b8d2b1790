/// Finds `.` and `..` segments in a raw passthrough path before it is forwarded.
///
/// The gateway forwards raw paths as they are; an upstream that resolves dot segments (or
/// decodes `%2e`, `%2f` and `%5c` first, as many do) would otherwise serve a path outside
/// `/models/{model}/`. Such paths are refused rather than normalised, so what the upstream sees
/// is always exactly what the client sent.
enum DotSegments {
    /// Whether `path` has a segment that is `.` or `..` once `%2e`, `%2f`, `%5c` are decoded
    /// and backslashes count as separators.
    static func contains(in path: Substring) -> Bool {
        var segment: [UInt8] = []
        var bytes = path.utf8[...]
        while let byte = bytes.popFirst() {
            var decoded = byte
            if byte == UInt8(ascii: "%"), let escaped = escapedByte(bytes.prefix(2)) {
                decoded = escaped
                bytes = bytes.dropFirst(2)
            }
            if decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "\\") {
                if isDotSegment(segment) { return true }
                segment.removeAll(keepingCapacity: true)
            } else {
                segment.append(decoded)
            }
        }
        return isDotSegment(segment)
    }

    private static func isDotSegment(_ segment: [UInt8]) -> Bool {
        segment == [UInt8(ascii: ".")] || segment == [UInt8(ascii: "."), UInt8(ascii: ".")]
    }

    /// The byte a `%XX` escape stands for, for the three escapes that matter here.
    private static func escapedByte(_ hex: Substring.UTF8View.SubSequence) -> UInt8? {
        guard hex.count == 2 else { return nil }
        switch String(decoding: hex, as: UTF8.self).lowercased() {
        case "2e": return UInt8(ascii: ".")
        case "2f": return UInt8(ascii: "/")
        case "5c": return UInt8(ascii: "\\")
        default: return nil
        }
    }
}
