/// Reads an Open Inference Protocol `parameters` object.
enum ParameterReader {
    static func readObject(_ scanner: inout JSONScanner, context: String) throws -> [String: InferenceParameter] {
        guard scanner.peekSignificant() == UInt8(ascii: "{") else {
            throw InferenceRequestError(.malformedJSON, "'\(context)' must be an object")
        }
        scanner.index += 1
        var parameters: [String: InferenceParameter] = [:]
        var first = true
        while let key = try scanner.nextObjectKey(first: &first) {
            parameters[key] = try readValue(&scanner)
        }
        return parameters
    }

    private static func readValue(_ scanner: inout JSONScanner) throws -> InferenceParameter {
        switch scanner.peekSignificant() {
        case UInt8(ascii: "\""):
            return .string(try scanner.parseString())
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let start = scanner.index
            try scanner.skipValue()
            return .json(scanner.text(start..<scanner.index))
        default:
            switch try scanner.scanScalarToken() {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .number(let range): return .number(JSONNumber.double(UnsafeRawBufferPointer(rebasing: scanner.bytes[range])))
            case .nonFinite(let value): return .number(Double(value))
            }
        }
    }
}
