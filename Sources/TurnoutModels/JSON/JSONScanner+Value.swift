extension JSONScanner {
    /// Parses a whole document into a `JSONValue` (for model files and small envelopes).
    static func parseDocument(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes)
        let value = try scanner.parseValue()
        try scanner.expectEnd()
        return value
    }

    /// Parses the next value, building arrays and objects.
    mutating func parseValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        switch peekSignificant() {
        case UInt8(ascii: "{"):
            index += 1
            // Room for six members from the start: a model answer's objects have a handful, and
            // growing from empty rehashes them two or three times.
            var members = [String: JSONValue](minimumCapacity: 6)
            var first = true
            while let key = try nextObjectKey(first: &first) {
                members[key] = try parseValue(depth: depth + 1)
            }
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var elements: [JSONValue] = []
            var first = true
            while try nextArrayElement(first: &first) {
                elements.append(try parseValue(depth: depth + 1))
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        default:
            switch try scanScalarToken() {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .number(let range): return .number(text(range))
            case .nonFinite(let value): return .number(value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
            }
        }
    }
}
