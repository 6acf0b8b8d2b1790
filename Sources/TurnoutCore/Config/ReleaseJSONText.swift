/// Pieces of the one-line JSON configuration form of a release (``ReleaseSpec/configJSON``),
/// for the strategies that build theirs field by field.
enum ReleaseJSONText {
    /// `{"a":1,"b":2}` from fields already written as `"key":value`.
    static func object(_ fields: [String]) -> String {
        "{" + fields.joined(separator: ",") + "}"
    }

    /// `"key":"text"`, the text escaped.
    static func field(_ key: String, _ text: String) -> String {
        "\"\(key)\":\(ReleaseSpec.quoted(text))"
    }

    /// `"key":value` for a value already in JSON.
    static func raw(_ key: String, _ json: String) -> String {
        "\"\(key)\":\(json)"
    }

    /// A number without a trailing `.0` when it is whole.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Seconds as a quoted configuration duration: whole seconds, or milliseconds when finer.
    static func duration(_ seconds: Double) -> String {
        "\"\(durationText(seconds))\""
    }

    /// Seconds as a configuration duration, unquoted.
    ///
    /// A value no configuration could hold (one decoded from a damaged store) is written as it
    /// is, such as `1e+20s`, rather than converted: parsing then refuses it instead of a trap here.
    static func durationText(_ seconds: Double) -> String {
        let millis = (seconds * 1_000).rounded()
        guard millis.isFinite, abs(millis) < 1e15 else { return "\(seconds)s" }
        return millis.truncatingRemainder(dividingBy: 1_000) == 0 ? "\(Int64(millis / 1_000))s" : "\(Int64(millis))ms"
    }
}
