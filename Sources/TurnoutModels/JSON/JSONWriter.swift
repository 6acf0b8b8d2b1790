/// Appends JSON text to a byte array, for response bodies built without intermediate objects.
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A quoted, escaped string.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The shortest decimal that reads back as `value`; `null` for NaN and infinities, which JSON cannot hold.
    mutating func number(_ value: Float) {
        guard value.isFinite else { return raw("null") }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// The shortest decimal that reads back as `value`; `null` when not finite.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("null") }
        bytes.append(contentsOf: value.description.utf8)
    }

    mutating func integer<Integer: BinaryInteger>(_ value: Integer) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// A member name followed by a colon, preceded by a comma unless it is the first member.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    /// A tensor shape `[a]` or `[a,b]`, written without building an array.
    mutating func shape(_ first: Int, _ second: Int? = nil) {
        bytes.append(UInt8(ascii: "["))
        integer(first)
        if let second {
            bytes.append(UInt8(ascii: ","))
            integer(second)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `[a,b,c]` with `element` writing each item.
    mutating func array<Items: Collection>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
