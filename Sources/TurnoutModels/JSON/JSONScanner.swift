/// A forward-only reader over the bytes of a JSON document.
///
/// It never copies the document and allocates only for strings and containers that a caller
/// asks it to build, which lets the request decoders stream large numeric arrays straight into
/// a `Float` buffer.
struct JSONScanner {
    /// The whole document.
    let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    var index: Int

    /// Containers nested deeper than this are refused, which bounds the recursion: the same
    /// limit as every other JSON and YAML parser of the gateway.
    static let maximumDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte that is not whitespace, without consuming it (nil at the end).
    mutating func peekSignificant() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                index += 1
            default:
                return
            }
        }
    }

    func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(reason: reason, offset: index)
    }

    /// Consumes `byte` (after whitespace) or throws.
    mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peekSignificant() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))'\(foundDescription())")
        }
        index += 1
    }

    /// Fails unless only whitespace is left.
    mutating func expectEnd() throws(JSONSyntaxError) {
        if peekSignificant() != nil { throw error("unexpected content after the JSON value") }
    }

    func foundDescription() -> String {
        guard index < bytes.count else { return " but the document ended" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return " but found '\(Character(Unicode.Scalar(byte)))'" }
        return " but found byte \(byte)"
    }

    // MARK: Containers

    /// Reads the next member key of an object whose `{` was consumed; nil once `}` is consumed.
    mutating func nextObjectKey(first: inout Bool) throws(JSONSyntaxError) -> String? {
        let next = peekSignificant()
        if next == UInt8(ascii: "}") {
            index += 1
            return nil
        }
        if !first {
            guard next == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object\(foundDescription())") }
            index += 1
            _ = peekSignificant()
        }
        first = false
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a member name in quotes\(foundDescription())")
        }
        let key = try parseString()
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// Moves to the next element of an array whose `[` was consumed; false once `]` is consumed.
    mutating func nextArrayElement(first: inout Bool) throws(JSONSyntaxError) -> Bool {
        let next = peekSignificant()
        if next == UInt8(ascii: "]") {
            index += 1
            return false
        }
        if !first {
            guard next == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array\(foundDescription())") }
            index += 1
            _ = peekSignificant()
        }
        first = false
        guard index < bytes.count else { throw error("expected an array element but the document ended") }
        return true
    }

    // MARK: Strings

    /// Reads a string literal (the next significant byte must be `"`).
    mutating func parseString() throws(JSONSyntaxError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var ascii = true
        skipPlainASCII()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                // ASCII is valid UTF-8 as it stands. Other JSON text must be UTF-8 too (RFC 8259):
                // invalid bytes are refused rather than repaired.
                let string: String? = ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
                guard let string else { throw error("invalid UTF-8 in a string") }
                index += 1
                return string
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        throw error("unterminated string")
    }

    /// Moves past the longest run of 8-byte words that hold only printable ASCII other than `"`
    /// and `\\`, the bulk of most strings (a model's padding, ids, labels), testing a word at a
    /// time rather than a byte; the byte loop of ``parseString()`` handles the rest.
    private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // A byte is flagged when it is zero (a quote or backslash after the xor), below 0x20,
            // or has its high bit set (not ASCII).
            let special = (quotes &- ones) & ~quotes
                | (backslashes &- ones) & ~backslashes
                | (word &- ones &* 0x20) & ~word
                | word
            if special & highs != 0 { break }
            index += 8
        }
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var utf8 = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try parseUnicodeEscape().utf8)
                default: throw error("invalid escape in a string")
                }
            case 0..<0x20:
                throw error("control character in a string")
            default:
                utf8.append(byte)
            }
        }
        throw error("unterminated string")
    }

    /// Reads the hex digits after `\u`, joining a UTF-16 surrogate pair when one follows.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> String {
        let high = try parseHexQuad()
        if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let low = try parseHexQuad()
            if (0xDC00..<0xE000).contains(low) {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}")
            }
            return "\u{FFFD}" + String(Unicode.Scalar(low).map(Character.init) ?? "\u{FFFD}")
        }
        return String(Unicode.Scalar(high).map(Character.init) ?? "\u{FFFD}")
    }

    private mutating func parseHexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: Skipping

    /// Consumes one value of any kind without building it.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch peekSignificant() {
        case UInt8(ascii: "{"):
            index += 1
            var first = true
            while try nextObjectKey(first: &first) != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            index += 1
            var first = true
            while try nextArrayElement(first: &first) { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try parseString()
        default:
            _ = try scanScalarToken()
        }
    }

    // MARK: Scalars

    /// A scalar that is not a string: a number, or one of the literal words.
    enum ScalarToken: Equatable {
        case number(Range<Int>)
        case null
        case bool(Bool)
        /// `NaN`, `Infinity` or `-Infinity`, which Python's json module writes for non-finite floats.
        case nonFinite(Float)
    }

    /// Reads a number or a literal word (`null`, `true`, `false`, `NaN`, `Infinity`, `-Infinity`).
    mutating func scanScalarToken() throws(JSONSyntaxError) -> ScalarToken {
        guard let first = peekSignificant() else { throw error("expected a value but the document ended") }
        switch first {
        case UInt8(ascii: "n"): try consumeWord("null"); return .null
        case UInt8(ascii: "t"): try consumeWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try consumeWord("false"); return .bool(false)
        case UInt8(ascii: "N"): try consumeWord("NaN"); return .nonFinite(.nan)
        case UInt8(ascii: "I"): try consumeWord("Infinity"); return .nonFinite(.infinity)
        case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
            index += 1
            try consumeWord("Infinity")
            return .nonFinite(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try scanNumber())
        default:
            throw error("expected a value\(foundDescription())")
        }
    }

    private mutating func consumeWord(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw error("expected '\(word)'") }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
            throw error("expected a value\(foundDescription())")
        }
        index += length
    }

    /// Checks the JSON number grammar and returns the token's byte range.
    private mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        try scanNumberValue().range
    }

    /// Scans a number token, returning its byte range and decomposed value in one pass.
    @inline(__always)
    mutating func scanNumberValue() throws(JSONSyntaxError) -> (range: Range<Int>, number: JSONNumber) {
        let start = index
        guard let (number, end) = JSONNumber.scan(bytes, from: start) else { throw error("invalid number") }
        index = end
        return (start..<end, number)
    }

    /// The source text of a scanned token.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
