/// The deterministic CBOR encoding (RFC 8949 §4.2.1) of JSON values, as flagd's v3 `fractional`
/// hashes them.
///
/// Follows flagd's "fractional non-string rand units" decision, as openfeature-flagd-core 2.x
/// does: a number without a fractional part in [-2^63, 2^64) is an integer (so `1.0`, `1` and
/// `-0.0`/`0` encode alike), any other number is the shortest float (half, single or double)
/// that holds it exactly; strings are UTF-8 text; object members are ordered by the bytes of
/// their encoded keys; lengths and integers take their shortest form.
public enum DeterministicCBOR {
    /// The encoding of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    private static func append(_ value: JSONValue, to bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes.append(0xf6)
        case .bool(let flag):
            bytes.append(flag ? 0xf5 : 0xf4)
        case .number(let number):
            appendNumber(number, to: &bytes)
        case .string(let text):
            appendHead(major: 3, argument: UInt64(text.utf8.count), to: &bytes)
            bytes.append(contentsOf: text.utf8)
        case .array(let elements):
            appendHead(major: 4, argument: UInt64(elements.count), to: &bytes)
            for element in elements { append(element, to: &bytes) }
        case .object(let members):
            appendHead(major: 5, argument: UInt64(members.count), to: &bytes)
            let entries = members.map { key, member in (key: encode(.string(key)), member: member) }
            for entry in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                bytes.append(contentsOf: entry.key)
                append(entry.member, to: &bytes)
            }
        }
    }

    /// A major type with its argument in the shortest form: inside the initial byte below 24,
    /// then 1, 2, 4 or 8 big-endian bytes.
    private static func appendHead(major: UInt8, argument: UInt64, to bytes: inout [UInt8]) {
        let type = major << 5
        switch argument {
        case 0..<24:
            bytes.append(type | UInt8(argument))
        case 24...UInt64(UInt8.max):
            bytes.append(type | 24)
            appendBigEndian(argument, byteCount: 1, to: &bytes)
        case 256...UInt64(UInt16.max):
            bytes.append(type | 25)
            appendBigEndian(argument, byteCount: 2, to: &bytes)
        case 65_536...UInt64(UInt32.max):
            bytes.append(type | 26)
            appendBigEndian(argument, byteCount: 4, to: &bytes)
        default:
            bytes.append(type | 27)
            appendBigEndian(argument, byteCount: 8, to: &bytes)
        }
    }

    private static func appendNumber(_ number: Double, to bytes: inout [UInt8]) {
        // 2^64 as a Double; the range's upper end is exclusive because 2^64 - 1 is not a Double.
        let twoToThe64 = 18_446_744_073_709_551_616.0
        if number.isFinite, number == number.rounded(.towardZero), number >= -0x1p63, number < twoToThe64 {
            if number >= 0 {
                appendHead(major: 0, argument: UInt64(number), to: &bytes)
            } else {
                // Major type 1 carries -1 - n; -number is at most 2^63, so it fits UInt64.
                appendHead(major: 1, argument: UInt64(-number) - 1, to: &bytes)
            }
            return
        }
        appendFloat(number, to: &bytes)
    }

    /// The shortest IEEE 754 form that holds `number` exactly (preferred serialization).
    private static func appendFloat(_ number: Double, to bytes: inout [UInt8]) {
        if let half = Self.half(exactly: number) {
            bytes.append(0xf9)
            appendBigEndian(UInt64(half), byteCount: 2, to: &bytes)
        } else if let single = Float(exactly: number) {
            bytes.append(0xfa)
            appendBigEndian(UInt64(single.bitPattern), byteCount: 4, to: &bytes)
        } else if number.isNaN {
            bytes.append(0xf9)
            appendBigEndian(0x7e00, byteCount: 2, to: &bytes)
        } else {
            bytes.append(0xfb)
            appendBigEndian(number.bitPattern, byteCount: 8, to: &bytes)
        }
    }

    /// The binary16 bit pattern of `number` when it has one exactly (infinities included).
    ///
    /// Computed by hand rather than with `Float16`, which is not available on every platform.
    static func half(exactly number: Double) -> UInt16? {
        let sign: UInt16 = number.sign == .minus ? 0x8000 : 0
        if number.isInfinite { return sign | 0x7c00 }
        if number == 0 { return sign }
        guard number.isFinite else { return nil }
        let magnitude = number.magnitude
        let exponent = Int(magnitude.exponent)
        if exponent > 15 { return nil }
        if exponent >= -14 {
            // Normal: 10 fraction bits; the value must be a multiple of 2^(exponent - 10).
            let scaled = magnitude * Double(sign: .plus, exponent: 10 - exponent, significand: 1)
            guard scaled == scaled.rounded(.towardZero) else { return nil }
            let fraction = UInt16(scaled) - 0x400
            return sign | UInt16(exponent + 15) << 10 | fraction
        }
        // Subnormal: a multiple of 2^-24 below 2^-14.
        let scaled = magnitude * 0x1p24
        guard scaled == scaled.rounded(.towardZero) else { return nil }
        return sign | UInt16(scaled)
    }

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to bytes: inout [UInt8]) {
        for index in stride(from: byteCount - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }
}
