/// Reads a tensor's `data` member (flat row-major or nested arrays) straight into a `Float`
/// buffer, converting each value according to the declared datatype.
struct TensorDataReader {
    let datatype: TensorDatatype
    let inputName: String
    let expectedCount: Int
    /// Arrays nested deeper than this are refused (a 2-D tensor needs 2).
    static let maximumNesting = 8

    func read(_ scanner: inout JSONScanner) throws -> [Float] {
        guard scanner.peekSignificant() == UInt8(ascii: "[") else {
            throw InferenceRequestError(.missingField, input: inputName, "'data' must be an array")
        }
        var values: [Float] = []
        // Every value takes at least two bytes, which bounds what a lying shape can reserve.
        values.reserveCapacity(min(expectedCount, scanner.bytes.count / 2 + 1))
        try readArray(&scanner, depth: 1, into: &values)
        guard values.count == expectedCount else {
            throw mismatch(values.count)
        }
        return values
    }

    private func mismatch(_ count: Int) -> InferenceRequestError {
        InferenceRequestError(.dataCountMismatch, input: inputName,
                              "'data' has \(count) values but the shape needs \(expectedCount)")
    }

    private func readArray(_ scanner: inout JSONScanner, depth: Int, into values: inout [Float]) throws {
        scanner.index += 1  // the '[' the caller saw
        var first = true
        while try scanner.nextArrayElement(first: &first) {
            switch scanner.bytes[scanner.index] {
            case UInt8(ascii: "["):
                guard depth < Self.maximumNesting else {
                    throw InferenceRequestError(.wrongShape, input: inputName, "'data' is nested more than \(Self.maximumNesting) levels deep")
                }
                try readArray(&scanner, depth: depth + 1, into: &values)
            case UInt8(ascii: "\""):
                throw nonNumeric(values.count, "a string")
            case UInt8(ascii: "{"):
                throw nonNumeric(values.count, "an object")
            default:
                guard values.count < expectedCount else {
                    throw InferenceRequestError(.dataCountMismatch, input: inputName,
                                                "'data' has more than \(expectedCount) values but the shape needs \(expectedCount)")
                }
                values.append(try readScalar(&scanner, position: values.count))
            }
        }
    }

    private func readScalar(_ scanner: inout JSONScanner, position: Int) throws -> Float {
        let first = scanner.bytes[scanner.index]
        if (datatype == .fp32 || datatype == .fp64) && (first &- UInt8(ascii: "0") < 10 || first == UInt8(ascii: "-")),
           !(first == UInt8(ascii: "-") && scanner.index + 1 < scanner.bytes.count && scanner.bytes[scanner.index + 1] == UInt8(ascii: "I")) {
            // The common case, decoded in a single pass over the token.
            let (range, number) = try scanner.scanNumberValue()
            let token = UnsafeRawBufferPointer(rebasing: scanner.bytes[range])
            let value = datatype == .fp32 ? number.float(token: token) : Float(number.double(token: token))
            guard value.isFinite else { throw notFinite(position, scanner.text(range)) }
            return value
        }
        switch try scanner.scanScalarToken() {
        case .number(let range):
            let token = UnsafeRawBufferPointer(rebasing: scanner.bytes[range])
            switch datatype {
            case .fp32, .fp64:
                let value = datatype == .fp32 ? JSONNumber.float(token) : Float(JSONNumber.double(token))
                guard value.isFinite else { throw notFinite(position, scanner.text(range)) }
                return value
            case .int32, .int64:
                guard let integer = JSONNumber.integer(token),
                      datatype == .int64 || Int64(Int32.min)...Int64(Int32.max) ~= integer
                else {
                    throw InferenceRequestError(.nonNumericValue, input: inputName,
                                                "data[\(position)] is \(scanner.text(range)), not a \(datatype.rawValue) integer")
                }
                return Float(integer)
            case .bool:
                throw InferenceRequestError(.nonNumericValue, input: inputName,
                                            "data[\(position)] is \(scanner.text(range)), expected true or false (datatype BOOL)")
            }
        case .null:
            return .nan  // a missing value
        case .nonFinite(let value):
            // Python writes these for non-finite floats, but they are not JSON, and a model fed
            // one answers nonsense: null is the way to send a missing value.
            throw notFinite(position, value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
        case .bool(let flag):
            guard datatype == .bool else { throw nonNumeric(position, "a boolean") }
            return flag ? 1 : 0
        }
    }

    private func notFinite(_ position: Int, _ token: String) -> InferenceRequestError {
        InferenceRequestError(.nonNumericValue, input: inputName,
                              "data[\(position)] is \(token), not a finite \(datatype.rawValue) number (send null for a missing value)")
    }

    private func nonNumeric(_ position: Int, _ what: String) -> InferenceRequestError {
        let expected = datatype == .bool ? "true or false" : "a number"
        return InferenceRequestError(.nonNumericValue, input: inputName,
                                     "data[\(position)] is \(what), expected \(expected) (datatype \(datatype.rawValue))")
    }
}
