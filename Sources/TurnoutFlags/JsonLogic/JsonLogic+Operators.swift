extension JsonLogic {
    /// The eager standard operators on evaluated arguments; `nil` when `name` is not one of them.
    static func applyStandard(_ name: String, values: [JSONValue], data: JSONValue) -> JSONValue? {
        switch name {
        case "var": variable(values, data: data)
        case "missing": .array(missing(values, data: data))
        case "missing_some": missingSome(values, data: data)
        case "==": .bool(argument(values, 0).looselyEquals(argument(values, 1)))
        case "!=": .bool(!argument(values, 0).looselyEquals(argument(values, 1)))
        case "===": .bool(argument(values, 0).strictlyEquals(argument(values, 1)))
        case "!==": .bool(!argument(values, 0).strictlyEquals(argument(values, 1)))
        case "!": .bool(!argument(values, 0).isTruthy)
        case "!!": .bool(argument(values, 0).isTruthy)
        case "<": compareChain(values) { $0 == .less }
        case "<=": compareChain(values) { $0 == .less || $0 == .equal }
        case ">": compareChain(values) { $0 == .greater }
        case ">=": compareChain(values) { $0 == .greater || $0 == .equal }
        case "+": .number(values.reduce(0) { $0 + $1.javaScriptParseFloat })
        case "*": .number(values.isEmpty ? .nan : values.dropFirst().reduce(values[0].javaScriptParseFloat) { $0 * $1.javaScriptParseFloat })
        case "-": subtract(values)
        case "/": .number(argument(values, 0).javaScriptNumber / argument(values, 1).javaScriptNumber)
        case "%": .number(argument(values, 0).javaScriptNumber.truncatingRemainder(dividingBy: argument(values, 1).javaScriptNumber))
        case "min": .number(values.map(\.javaScriptNumber).reduce(Double.infinity, javaScriptMin))
        case "max": .number(values.map(\.javaScriptNumber).reduce(-Double.infinity, javaScriptMax))
        case "merge": merge(values)
        case "in": .bool(contains(needle: argument(values, 0), haystack: argument(values, 1)))
        case "cat": .string(values.map(\.javaScriptString).joined())
        case "substr": substring(values)
        case "log": argument(values, 0)
        default: nil
        }
    }

    /// The argument at `index`; JavaScript's `undefined` for a missing one is modelled as
    /// NaN in numeric positions and as null elsewhere, which behave alike in these operators.
    private static func argument(_ values: [JSONValue], _ index: Int) -> JSONValue {
        index < values.count ? values[index] : .null
    }

    /// `<` and friends with two arguments, or three for the "between" form (a op b op c).
    private static func compareChain(_ values: [JSONValue], _ holds: (JSONValue.JavaScriptOrder) -> Bool) -> JSONValue {
        guard values.count >= 2 else { return .bool(false) }
        guard holds(values[0].javaScriptCompare(values[1])) else { return .bool(false) }
        if values.count >= 3 {
            return .bool(holds(values[1].javaScriptCompare(values[2])))
        }
        return .bool(true)
    }

    private static func subtract(_ values: [JSONValue]) -> JSONValue {
        switch values.count {
        case 0: .number(.nan)
        case 1: .number(-values[0].javaScriptNumber)
        default: .number(values[0].javaScriptNumber - values[1].javaScriptNumber)
        }
    }

    /// `Math.min`: NaN wins over every number.
    private static func javaScriptMin(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return Swift.min(a, b)
    }

    /// `Math.max`: NaN wins over every number.
    private static func javaScriptMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return Swift.max(a, b)
    }

    /// `merge`: flattens one level of arrays.
    private static func merge(_ values: [JSONValue]) -> JSONValue {
        var items: [JSONValue] = []
        for value in values {
            if case .array(let elements) = value {
                items.append(contentsOf: elements)
            } else {
                items.append(value)
            }
        }
        return .array(items)
    }

    /// `in`: substring test for a string haystack, strict-equality membership for an array.
    private static func contains(needle: JSONValue, haystack: JSONValue) -> Bool {
        switch haystack {
        case .string(let text):
            return containsUTF16(Array(text.utf16), Array(needle.javaScriptString.utf16))
        case .array(let elements):
            return elements.contains { $0.strictlyEquals(needle) }
        default:
            return false
        }
    }

    /// JavaScript `indexOf` on strings compares UTF-16 code units, not Swift characters, so
    /// "e" is found in "e\u{301}" as it is in json-logic-js.
    private static func containsUTF16(_ text: [UInt16], _ fragment: [UInt16]) -> Bool {
        guard !fragment.isEmpty else { return true }
        guard fragment.count <= text.count else { return false }
        for start in 0...(text.count - fragment.count) where text[start..<(start + fragment.count)].elementsEqual(fragment) {
            return true
        }
        return false
    }

    /// `substr`: JavaScript `String.prototype.substr` over UTF-16 code units; a negative length
    /// drops that many units from the end.
    private static func substring(_ values: [JSONValue]) -> JSONValue {
        let units = Array(argument(values, 0).javaScriptString.utf16)
        let size = units.count
        var start = integerOrInfinity(values.count > 1 ? values[1].javaScriptNumber : 0)
        start = start < 0 ? Swift.max(Double(size) + start, 0) : Swift.min(start, Double(size))
        let startIndex = Int(start)
        var endIndex = size
        if values.count > 2 {
            let length = values[2]
            let remaining = Double(size - startIndex)
            if length.javaScriptCompare(.number(0)) == .less {
                // json-logic-js: take the rest, then drop |length| units from its end.
                let kept = Swift.min(Swift.max(remaining + integerOrInfinity(length.javaScriptNumber), 0), remaining)
                endIndex = startIndex + Int(kept)
            } else {
                let count = Swift.min(Swift.max(integerOrInfinity(length.javaScriptNumber), 0), remaining)
                endIndex = startIndex + Int(count)
            }
        }
        return .string(String(decoding: units[startIndex..<endIndex], as: UTF16.self))
    }

    /// JavaScript `ToIntegerOrInfinity`: NaN is 0, everything else truncates toward zero.
    private static func integerOrInfinity(_ value: Double) -> Double {
        value.isNaN ? 0 : value.rounded(.towardZero)
    }
}
