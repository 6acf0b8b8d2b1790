/// The type a caller expects a flag's value to have (OpenFeature's typed evaluation).
public enum FlagValueType: String, Sendable, Hashable, CaseIterable {
    /// `true` or `false`.
    case boolean
    /// A string.
    case string
    /// Any number.
    case number
    /// A number without a fractional part.
    case integer
    /// A JSON object or array.
    case object

    /// Whether `value` has this type.
    public func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.boolean, .bool), (.string, .string), (.number, .number), (.object, .object), (.object, .array):
            true
        case (.integer, .number(let number)):
            number.isFinite && number == number.rounded()
        default:
            false
        }
    }

    /// The type of a variant value, as flagd's schema groups them (integers count as numbers).
    public init?(of value: JSONValue) {
        switch value {
        case .bool: self = .boolean
        case .string: self = .string
        case .number: self = .number
        case .object, .array: self = .object
        case .null: return nil
        }
    }
}
