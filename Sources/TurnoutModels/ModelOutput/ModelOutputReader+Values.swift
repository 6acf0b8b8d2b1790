extension ModelOutputReader {
    /// The datatypes whose values are labels rather than scores.
    static let labelDatatypes: Set<String> = [
        "BYTES", "BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64",
    ]
    /// The floating-point datatypes.
    static let floatingDatatypes: Set<String> = ["FP16", "BF16", "FP32", "FP64"]

    /// The `Double` nearest to a number token's text (also `NaN`, `Infinity`, `-Infinity`).
    static func double(_ text: String) -> Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            var token = text
            return token.withUTF8 { JSONNumber.double(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The integer value of a number token written without a fraction or exponent, else nil.
    static func integer(_ text: String) -> Int64? {
        var token = text
        return token.withUTF8 { JSONNumber.integer(UnsafeRawBufferPointer($0)) }
    }

    /// A number token as label text: integers without a fraction (`1.0` reads as `1`), other
    /// numbers in Swift's shortest form; nil when the text is not a finite number.
    static func integerLabel(_ text: String) -> String? {
        if let exact = integer(text) { return String(exact) }
        let value = double(text)
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 9.2e18 { return String(Int64(value)) }
        return String(value)
    }

    /// Appends the scalars of a possibly nested array to `into`, depth first (row-major).
    static func flatten(_ value: JSONValue, into scalars: inout [JSONValue]) {
        if case .array(let elements) = value {
            for element in elements { flatten(element, into: &scalars) }
        } else {
            scalars.append(value)
        }
    }
}
