/// A configuration document as a tree of plain values, independent of the YAML parser that produced it.
///
/// Validation walks this tree so that every problem can name its key path.
public indirect enum ConfigValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ConfigValue])
    case mapping([ConfigEntry])

    /// A short noun phrase for messages such as "expected a mapping, got a list".
    public var kindDescription: String {
        switch self {
        case .null: "nothing (null)"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The value under `key` when this is a mapping.
    public subscript(key: String) -> ConfigValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

/// One key and its value in a ``ConfigValue/mapping(_:)``, in document order.
public struct ConfigEntry: Sendable, Equatable {
    /// The key as written.
    public var key: String
    /// The value under the key.
    public var value: ConfigValue

    /// Creates an entry.
    public init(key: String, value: ConfigValue) {
        self.key = key
        self.value = value
    }
}
