/// flagd's `starts_with` and `ends_with` operators.
///
/// Both take exactly two string arguments; anything else yields null (not false), as in flagd.
/// Strings are compared as Unicode scalars, like the byte/code-point comparisons of the Go and
/// Python providers, not as Swift grapheme clusters (where "e\u{301}" does not start with "e").
public enum StringComparisonOperator {
    /// `{"starts_with": [text, prefix]}`.
    public static func startsWith(_ arguments: [JSONValue]) -> JSONValue {
        compare(arguments) { text, prefix in
            text.unicodeScalars.starts(with: prefix.unicodeScalars)
        }
    }

    /// `{"ends_with": [text, suffix]}`.
    public static func endsWith(_ arguments: [JSONValue]) -> JSONValue {
        compare(arguments) { text, suffix in
            text.unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
        }
    }

    private static func compare(_ arguments: [JSONValue], _ test: (String, String) -> Bool) -> JSONValue {
        guard arguments.count == 2, case .string(let text) = arguments[0], case .string(let affix) = arguments[1] else {
            return .null
        }
        return .bool(test(text, affix))
    }
}
