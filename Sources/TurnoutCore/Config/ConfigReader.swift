/// Reads typed values out of a ``ConfigValue`` tree and collects every problem instead of stopping
/// at the first, so `turnout validate` can list them all.
struct ConfigReader {
    private(set) var issues: [ConfigIssue] = []

    mutating func report(_ path: String, _ message: String) {
        issues.append(ConfigIssue(path: path, message: message))
    }

    /// The entries of a mapping, reporting keys that are not in `allowedKeys`.
    mutating func mapping(_ value: ConfigValue, at path: String, allowedKeys: [String]) -> ConfigMapping? {
        guard case .mapping(let entries) = value else {
            report(path, "expected a mapping, got \(value.kindDescription)")
            return nil
        }
        for entry in entries where !allowedKeys.contains(entry.key) {
            report(Self.join(path, entry.key), "unknown key (valid keys: \(allowedKeys.joined(separator: ", ")))")
        }
        return ConfigMapping(path: path, entries: entries)
    }

    /// The entries of a mapping whose keys are names chosen by the user (models, versions, weights).
    mutating func namedMapping(_ value: ConfigValue, at path: String) -> ConfigMapping? {
        guard case .mapping(let entries) = value else {
            report(path, "expected a mapping, got \(value.kindDescription)")
            return nil
        }
        return ConfigMapping(path: path, entries: entries)
    }

    mutating func string(_ value: ConfigValue, at path: String) -> String? {
        guard case .string(let text) = value else {
            report(path, "expected a string, got \(value.kindDescription)")
            return nil
        }
        return text
    }

    mutating func number(_ value: ConfigValue, at path: String) -> Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number) where number.isFinite: return number
        default:
            report(path, "expected a number, got \(value.kindDescription)")
            return nil
        }
    }

    mutating func bool(_ value: ConfigValue, at path: String) -> Bool? {
        guard case .bool(let flag) = value else {
            report(path, "expected true or false, got \(value.kindDescription)")
            return nil
        }
        return flag
    }

    /// A whole number from 1 to ``ConfigBounds/maxCount``.
    mutating func positiveInteger(_ value: ConfigValue, at path: String) -> Int? {
        guard case .int(let number) = value, number > 0 else {
            report(path, "expected a whole number above 0, got \(Self.show(value))")
            return nil
        }
        return withinCount(number, at: path)
    }

    /// `count` when it is at most ``ConfigBounds/maxCount``, so sums and products of counts cannot overflow.
    mutating func withinCount(_ count: Int, at path: String) -> Int? {
        guard count <= ConfigBounds.maxCount else {
            report(path, "expected a whole number of at most \(ConfigBounds.maxCount), got \(count)")
            return nil
        }
        return count
    }

    /// Reports a duration longer than ``ConfigBounds/maxDurationSeconds``; false for anything else.
    mutating func tooLong(_ value: ConfigValue, at path: String) -> Bool {
        guard let milliseconds = ConfigUnits.milliseconds(value), milliseconds > ConfigBounds.maxDurationMilliseconds else { return false }
        report(path, "expected a duration of at most \(ConfigBounds.maxDurationText), got \(Self.show(value))")
        return true
    }

    /// A version's relative weight: a number from 0 to ``ConfigBounds/maxWeight``.
    mutating func weight(_ value: ConfigValue, at path: String) -> Double? {
        guard let weight = number(value, at: path) else { return nil }
        guard weight >= 0 else {
            report(path, "weights must not be negative, got \(Self.show(value))")
            return nil
        }
        guard weight <= ConfigBounds.maxWeight else {
            report(path, "expected a weight from 0 to \(Int(ConfigBounds.maxWeight)) (weights are relative), got \(Self.show(value))")
            return nil
        }
        return weight
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ value: ConfigValue, at path: String, as type: T.Type) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let text) = value, let choice = T(rawValue: text) else {
            report(path, "expected one of \(allowed), got \(Self.show(value))")
            return nil
        }
        return choice
    }

    /// A duration above zero and at most ``ConfigBounds/maxDurationSeconds``.
    mutating func duration(_ value: ConfigValue, at path: String) -> Duration? {
        if let duration = ConfigUnits.duration(value), duration > .zero { return duration }
        if tooLong(value, at: path) { return nil }
        report(path, "expected a duration above zero such as 500ms, 30s, 5m, 1h or 2d, got \(Self.show(value))")
        return nil
    }

    /// A byte size above zero and at most ``ConfigBounds/maxByteSize``.
    mutating func byteSize(_ value: ConfigValue, at path: String) -> Int? {
        if let size = ConfigUnits.byteSize(value), size > 0 { return size }
        if let bytes = ConfigUnits.bytes(value), bytes > Double(ConfigBounds.maxByteSize) {
            report(path, "expected a size of at most \(ConfigBounds.maxByteSizeText), got \(Self.show(value))")
        } else {
            report(path, "expected a size above zero such as 65536, 64KiB or 16MiB, got \(Self.show(value))")
        }
        return nil
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The value as it would read in the document, for messages.
    static func show(_ value: ConfigValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .double(let number): String(number)
        // Escaped, and cut short: messages are one line, whatever a document holds.
        case .string(let text): ReleaseSpec.quoted(text.count > 80 ? String(text.prefix(80)) + "..." : text)
        case .array, .mapping: value.kindDescription
        }
    }
}

/// A mapping being read, which knows its own key path.
struct ConfigMapping {
    let path: String
    let entries: [ConfigEntry]

    subscript(key: String) -> ConfigValue? {
        entries.first { $0.key == key }?.value
    }

    func path(_ key: String) -> String {
        ConfigReader.join(path, key)
    }
}
