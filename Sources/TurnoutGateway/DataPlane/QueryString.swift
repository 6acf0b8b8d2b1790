/// Reading one item out of a URL query string.
enum QueryString {
    /// The decoded value of the first `name=value` item, or nil when there is none.
    static func value(of name: String, in query: Substring) -> String? {
        for item in query.split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = pair.first, decode(key) == name else { continue }
            return pair.count > 1 ? decode(pair[1]) : ""
        }
        return nil
    }

    /// Percent-decoding with `+` as a space; malformed escapes are kept as written.
    static func decode(_ text: Substring) -> String {
        guard text.contains("%") || text.contains("+") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
