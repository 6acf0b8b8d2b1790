extension JsonLogic {
    /// `var`: the value at a dotted path in the data (array elements by index, `length` of
    /// arrays and strings), or the default (null) when a step is missing. An empty or null
    /// path is the whole data.
    static func variable(_ values: [JSONValue], data: JSONValue) -> JSONValue {
        let fallback = values.count > 1 ? values[1] : .null
        guard let path = values.first, !path.isNull, path != .string("") else { return data }
        return lookUp(path: path.javaScriptString, in: data) ?? fallback
    }

    /// The value at `path`, or `nil` when a step is missing (JavaScript's `undefined`).
    static func lookUp(path: String, in data: JSONValue) -> JSONValue? {
        var current = data
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = member(String(component), of: current) else { return nil }
            current = next
        }
        return current
    }

    private static func member(_ name: String, of value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let members):
            return members[name]
        case .array(let elements):
            if name == "length" { return .number(Double(elements.count)) }
            guard let index = arrayIndex(name), index < elements.count else { return nil }
            return elements[index]
        case .string(let text):
            let units = Array(text.utf16)
            if name == "length" { return .number(Double(units.count)) }
            guard let index = arrayIndex(name), index < units.count else { return nil }
            return .string(String(decoding: units[index...index], as: UTF16.self))
        default:
            return nil
        }
    }

    /// A canonical non-negative array index ("0", "12", but not "01" or "-1").
    private static func arrayIndex(_ name: String) -> Int? {
        guard let index = Int(name), index >= 0, String(index) == name else { return nil }
        return index
    }

    /// `missing`: the keys (given as arguments, or as one array argument) whose value is null,
    /// absent, or the empty string.
    static func missing(_ values: [JSONValue], data: JSONValue) -> [JSONValue] {
        let keys: [JSONValue]
        if case .array(let list)? = values.first {
            keys = list
        } else {
            keys = values
        }
        return keys.filter { key in
            let value = variable([key], data: data)
            return value.isNull || value == .string("")
        }
    }

    /// `missing_some`: empty when at least `need` of the keys are present, else the missing ones.
    static func missingSome(_ values: [JSONValue], data: JSONValue) -> JSONValue {
        let need = values.first?.javaScriptNumber ?? 0
        guard values.count > 1, case .array(let keys) = values[1] else { return .array([]) }
        let absent = missing([.array(keys)], data: data)
        return Double(keys.count - absent.count) >= need ? .array([]) : .array(absent)
    }
}
