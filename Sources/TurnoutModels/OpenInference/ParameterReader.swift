/// Reads an Open Inference Protocol `parameters` object.
enum ParameterReader {
    /// Reads the object at the scanner, refusing more than `maxCount` members before building them all.
    static func readObject(_ scanner: inout JSONScanner, context: String, maxCount: Int = .max) throws -> [String: InferenceParameter] {
        guard scanner.peekSignificant() == UInt8(ascii: "{") else {
            throw InferenceRequestError(.malformedJSON, "'\(context)' must be an object")
        }
        scanner.index += 1
        var parameters: [String: InferenceParameter] = [:]
        var first = true
        var count = 0
        while let key = try scanner.nextObjectKey(first: &first) {
            count += 1
            guard count <= maxCount else {
                throw InferenceRequestError(.tooManyParameters, "'\(context)' has more than \(maxCount) members")
            }
            parameters[key] = try readValue(&scanner, name: key, context: context)
        }
        return parameters
    }

    private static func readValue(_ scanner: inout JSONScanner, name: String, context: String) throws -> InferenceParameter {
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
            case .number(let range):
                let value = JSONNumber.double(UnsafeRawBufferPointer(rebasing: scanner.bytes[range]))
                guard value.isFinite else { throw notFinite(name, context, scanner.text(range)) }
                return .number(value)
            case .nonFinite(let value):
                throw notFinite(name, context, value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
            }
        }
    }

    private static func notFinite(_ name: String, _ context: String, _ token: String) -> InferenceRequestError {
        InferenceRequestError(.nonNumericValue, "'\(context).\(name)' is \(token), not a finite number")
    }
}
