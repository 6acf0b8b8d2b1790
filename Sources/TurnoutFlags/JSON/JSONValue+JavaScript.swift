/// JavaScript's type coercions on JSON values, as json-logic-js relies on them.
///
/// JsonLogic rules are written against JavaScript semantics ("truthy", `==`, `<` on mixed
/// types), so the evaluator reproduces them exactly instead of inventing Swift rules.
extension JSONValue {
    /// JsonLogic truthiness: like JavaScript, except that an empty array is false.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let value): !(value == 0 || value.isNaN)
        case .string(let value): !value.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object: true
        }
    }

    /// JavaScript `ToNumber` (what `Number(x)`, `-`, `/`, `%` and `<` apply).
    public var javaScriptNumber: Double {
        switch self {
        case .null: 0
        case .bool(let value): value ? 1 : 0
        case .number(let value): value
        case .string(let value): JavaScriptNumberParsing.number(fromString: value)
        case .array, .object: JavaScriptNumberParsing.number(fromString: javaScriptString)
        }
    }

    /// JavaScript `String(x)`: arrays join their elements with "," (null becomes ""),
    /// objects become "[object Object]".
    public var javaScriptString: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): JavaScriptNumberFormat.string(value)
        case .string(let value): value
        case .array(let elements): elements.map { $0.isNull ? "" : $0.javaScriptString }.joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// JavaScript `parseFloat(x)`, which json-logic-js uses for `+` and `*`.
    public var javaScriptParseFloat: Double {
        if case .number(let value) = self { return value }
        return JavaScriptNumberParsing.parseFloat(javaScriptString)
    }

    /// JavaScript `ToPrimitive` for JSON values: containers turn into their string form.
    private var javaScriptPrimitive: JSONValue {
        switch self {
        case .array, .object: .string(javaScriptString)
        default: self
        }
    }

    /// JavaScript loose equality `==`.
    ///
    /// Arrays and objects are only equal to themselves by reference in JavaScript; two
    /// JSON values are never the same reference, so container-to-container is false.
    public func looselyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.array, .array), (.array, .object), (.object, .array), (.object, .object): return false
        case (.bool(let a), _): return JSONValue.number(a ? 1 : 0).looselyEquals(other)
        case (_, .bool(let b)): return looselyEquals(.number(b ? 1 : 0))
        case (.number(let a), .string): return a == other.javaScriptNumber
        case (.string, .number(let b)): return javaScriptNumber == b
        case (.array, _), (.object, _): return javaScriptPrimitive.looselyEquals(other)
        case (_, .array), (_, .object): return looselyEquals(other.javaScriptPrimitive)
        }
    }

    /// JavaScript strict equality `===`: same type and value; containers are never equal.
    public func strictlyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): true
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        default: false
        }
    }

    /// The outcome of JavaScript's abstract relational comparison of two values.
    enum JavaScriptOrder {
        case less, equal, greater, unordered
    }

    /// Compares like JavaScript's `<`: two strings by UTF-16 code units, anything else as numbers
    /// (NaN makes the pair unordered, so every comparison is false).
    func javaScriptCompare(_ other: JSONValue) -> JavaScriptOrder {
        let left = javaScriptPrimitive
        let right = other.javaScriptPrimitive
        if case .string(let a) = left, case .string(let b) = right {
            if a.utf16.elementsEqual(b.utf16) { return .equal }
            return a.utf16.lexicographicallyPrecedes(b.utf16) ? .less : .greater
        }
        let a = left.javaScriptNumber
        let b = right.javaScriptNumber
        if a.isNaN || b.isNaN { return .unordered }
        if a < b { return .less }
        return a > b ? .greater : .equal
    }
}

/// JavaScript's string-to-number conversions (`Number("...")` and `parseFloat`).
enum JavaScriptNumberParsing {
    /// JavaScript `StringToNumber`: whitespace-trimmed decimal, `Infinity`, or 0x/0o/0b integers;
    /// the empty string is 0 and anything else is NaN.
    static func number(fromString text: String) -> Double {
        let trimmed = trimJavaScriptWhitespace(text)
        if trimmed.isEmpty { return 0 }
        if let radixValue = radixInteger(trimmed) { return radixValue }
        let scalars = Array(trimmed.unicodeScalars)
        guard let length = decimalLiteralLength(scalars), length == scalars.count else { return .nan }
        return decimalValue(String(String.UnicodeScalarView(scalars[0..<length])))
    }

    /// JavaScript `parseFloat`: the longest decimal prefix after leading whitespace, else NaN.
    static func parseFloat(_ text: String) -> Double {
        let scalars = Array(trimJavaScriptWhitespace(text, trailing: false).unicodeScalars)
        guard let length = decimalLiteralLength(scalars) else { return .nan }
        return decimalValue(String(String.UnicodeScalarView(scalars[0..<length])))
    }

    private static func decimalValue(_ literal: String) -> Double {
        switch literal {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(literal) ?? .nan
        }
    }

    /// The length of the longest prefix that is a StrDecimalLiteral, or nil when there is none.
    private static func decimalLiteralLength(_ scalars: [Unicode.Scalar]) -> Int? {
        var index = 0
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        let infinity = Array("Infinity".unicodeScalars)
        if scalars.count - index >= infinity.count, Array(scalars[index..<(index + infinity.count)]) == infinity {
            return index + infinity.count
        }
        let integerStart = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        var sawDigits = index > integerStart
        if index < scalars.count, scalars[index] == "." {
            let fractionStart = index + 1
            var cursor = fractionStart
            while cursor < scalars.count, isDigit(scalars[cursor]) { cursor += 1 }
            if sawDigits || cursor > fractionStart {
                sawDigits = true
                index = cursor
            }
        }
        guard sawDigits else { return nil }
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            var cursor = index + 1
            if cursor < scalars.count, scalars[cursor] == "+" || scalars[cursor] == "-" { cursor += 1 }
            let exponentStart = cursor
            while cursor < scalars.count, isDigit(scalars[cursor]) { cursor += 1 }
            if cursor > exponentStart { index = cursor }
        }
        return index
    }

    private static func radixInteger(_ text: String) -> Double? {
        let lower = text.lowercased()
        let radix: Int
        if lower.hasPrefix("0x") { radix = 16 } else if lower.hasPrefix("0o") { radix = 8 } else if lower.hasPrefix("0b") { radix = 2 } else { return nil }
        let digits = lower.dropFirst(2)
        guard !digits.isEmpty else { return .nan }
        var value = 0.0
        for character in digits {
            guard let digit = character.hexDigitValue, digit < radix else { return .nan }
            value = value * Double(radix) + Double(digit)
        }
        return value
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    /// JavaScript's WhiteSpace and LineTerminator code points.
    private static func isJavaScriptWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    private static func trimJavaScriptWhitespace(_ text: String, trailing: Bool = true) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, isJavaScriptWhitespace(first) { scalars = scalars.dropFirst() }
        if trailing {
            while let last = scalars.last, isJavaScriptWhitespace(last) { scalars = scalars.dropLast() }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
