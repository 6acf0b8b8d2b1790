import Foundation

/// How a web check's answer reads: the JSON value at the check's path as a number (a
/// boolean is 1 or 0, a string that holds a number is that number). A path that finds nothing
/// or a null is no data; an answer that is not JSON, or a value of another kind, is unavailable.
public enum WebCheckAnswer {
    /// The reading of a `200` answer's body.
    public static func reading(_ body: [UInt8], at path: MetricJSONPath) -> MetricReading {
        guard let document = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return .unavailable(reason: "the answer is not JSON")
        }
        guard let value = path.value(in: document) else { return .noData(reason: "nothing at \(path.source)") }
        return reading(of: value, at: path.source)
    }

    static func reading(of value: Any, at path: String) -> MetricReading {
        switch value {
        case is NSNull:
            return .noData(reason: "null at \(path)")
        case let flag as Bool:
            return .value(flag ? 1 : 0)
        case let number as NSNumber:
            return .value(number.doubleValue)
        case let text as String:
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                return .unavailable(reason: "\(path) is the string \"\(text.prefix(40))\", not a number")
            }
            return .value(number)
        case is [Any]:
            return .unavailable(reason: "\(path) is a list, not a number")
        default:
            return .unavailable(reason: "\(path) is an object, not a number")
        }
    }
}
