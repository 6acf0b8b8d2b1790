/// Reading JSON number tokens into binary values.
///
/// `scan` checks the JSON number grammar and decomposes the token into an integer mantissa and
/// a power of ten in the same pass. Short decimals such as `17.99` then take an exact fast path
/// (Clinger's: mantissa and power of ten both exactly representable, so a single IEEE multiply
/// or divide rounds correctly); anything else falls back to the standard library's correctly
/// rounded parser. Parsing straight to `Float` matters: rounding through `Double` first can land
/// on a different `Float` for inputs near a rounding boundary.
struct JSONNumber {
    /// The sign.
    var negative = false
    /// The first 19 significant digits as an integer.
    var mantissa: UInt64 = 0
    /// The power of ten that scales `mantissa`.
    var exponent = 0
    /// False when digits beyond the 19th were dropped from `mantissa`.
    var exact = true
    /// True when the token has neither a fraction nor an exponent.
    var isInteger = true

    private static let floatPowersOfTen: [Float] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]
    private static let doublePowersOfTen: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Scans the number starting at `start`; returns it and the index after it, or nil when the
    /// bytes there do not follow the JSON number grammar.
    @inline(__always)
    static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (number: JSONNumber, end: Int)? {
        var number = JSONNumber()
        var index = start
        let count = bytes.count
        if index < count && bytes[index] == UInt8(ascii: "-") {
            number.negative = true
            index += 1
        }
        var significantDigits = 0
        // Integer part: "0" or a non-zero digit followed by digits.
        let integerStart = index
        while index < count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            number.appendDigit(digit, significantDigits: &significantDigits)
            index += 1
        }
        let integerDigits = index - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
        var fractionDigits = 0
        if index < count && bytes[index] == UInt8(ascii: ".") {
            number.isInteger = false
            index += 1
            while index < count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
                number.appendDigit(digit, significantDigits: &significantDigits)
                fractionDigits += 1
                index += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        var exponent = 0
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            number.isInteger = false
            index += 1
            var negativeExponent = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                negativeExponent = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
                exponent = min(exponent &* 10 &+ Int(digit), 100_000)
                index += 1
            }
            guard index > exponentStart else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        // Digits past the 19th were dropped from the mantissa; they still scale it.
        number.exponent = exponent - fractionDigits + max(0, significantDigits - 19)
        return (number, index)
    }

    @inline(__always)
    private mutating func appendDigit(_ digit: UInt8, significantDigits: inout Int) {
        if significantDigits == 0 && digit == 0 { return }
        significantDigits += 1
        if significantDigits <= 19 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
        } else {
            exact = false
        }
    }

    /// The `Float` nearest to the number; `token` is its text, for the slow path.
    @inline(__always)
    func float(token: UnsafeRawBufferPointer) -> Float {
        if exact && mantissa <= 1 << 24 && exponent >= -10 && exponent <= 10 {
            var value = Float(mantissa)
            if exponent >= 0 {
                value *= Self.floatPowersOfTen[exponent]
            } else {
                value /= Self.floatPowersOfTen[-exponent]
            }
            return negative ? -value : value
        }
        return Float(String(decoding: token, as: UTF8.self)) ?? .nan
    }

    /// The `Double` nearest to the number; `token` is its text, for the slow path.
    @inline(__always)
    func double(token: UnsafeRawBufferPointer) -> Double {
        if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent >= 0 {
                value *= Self.doublePowersOfTen[exponent]
            } else {
                value /= Self.doublePowersOfTen[-exponent]
            }
            return negative ? -value : value
        }
        return Double(String(decoding: token, as: UTF8.self)) ?? .nan
    }

    /// The integer value, or nil when the number has a fraction or exponent or does not fit.
    var integer: Int64? {
        guard isInteger, exact, exponent == 0 else { return nil }
        if negative {
            guard mantissa <= UInt64(Int64.max) + 1 else { return nil }
            return mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa)
        }
        guard mantissa <= UInt64(Int64.max) else { return nil }
        return Int64(mantissa)
    }

    // MARK: Token conveniences

    /// The `Float` nearest to the decimal value of a whole token.
    static func float(_ token: UnsafeRawBufferPointer) -> Float {
        guard let (number, _) = scan(token, from: 0) else { return .nan }
        return number.float(token: token)
    }

    /// The `Double` nearest to the decimal value of a whole token.
    static func double(_ token: UnsafeRawBufferPointer) -> Double {
        guard let (number, _) = scan(token, from: 0) else { return .nan }
        return number.double(token: token)
    }

    /// The integer value of a whole token, or nil when it has a fraction or exponent or overflows.
    static func integer(_ token: UnsafeRawBufferPointer) -> Int64? {
        scan(token, from: 0)?.number.integer
    }
}
