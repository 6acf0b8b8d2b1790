/// A JSON object key known only at run time, used to decode strictly with clear errors.
struct JSONField: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue _: Int) { nil }

    /// `arms[1].n` style rendering of a coding path.
    static func path(_ codingPath: [any CodingKey], _ last: String? = nil) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        if let last { text += text.isEmpty ? last : ".\(last)" }
        return text
    }
}

/// Strict reading of one JSON object: unknown keys and wrong types become ``AnalysisError``s
/// that name the field and what was expected.
struct StrictObject {
    let container: KeyedDecodingContainer<JSONField>

    init(_ decoder: any Decoder, allowed: Set<String>) throws {
        do {
            container = try decoder.container(keyedBy: JSONField.self)
        } catch {
            throw AnalysisError(field: JSONField.path(decoder.codingPath), message: "expected a JSON object")
        }
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw AnalysisError(
                field: path(key.stringValue),
                message: "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func path(_ key: String) -> String {
        JSONField.path(container.codingPath, key)
    }

    func contains(_ key: String) -> Bool {
        container.contains(JSONField(key))
    }

    /// The value at `key`, or `nil` when the key is absent or null.
    func optional<T: Decodable>(_ key: String, _ expected: String) throws -> T? {
        let field = JSONField(key)
        guard container.contains(field) else { return nil }
        do {
            if try container.decodeNil(forKey: field) { return nil }
            return try container.decode(T.self, forKey: field)
        } catch let error as AnalysisError {
            throw error
        } catch {
            throw AnalysisError(field: path(key), message: "expected \(expected)")
        }
    }

    /// The value at `key`, which must be present.
    func required<T: Decodable>(_ key: String, _ expected: String) throws -> T {
        guard let value: T = try optional(key, expected) else {
            throw AnalysisError(field: path(key), message: "missing; expected \(expected)")
        }
        return value
    }

    /// A string-valued enumeration at `key`, listing the accepted values when it is wrong.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, default fallback: T) throws -> T where T.RawValue == String {
        let accepted = T.allCases.map(\.rawValue).joined(separator: " | ")
        guard let raw: String = try optional(key, "one of \(accepted)") else { return fallback }
        guard let value = T(rawValue: raw) else {
            throw AnalysisError(field: path(key), message: "expected one of \(accepted), got \"\(raw)\"")
        }
        return value
    }
}
