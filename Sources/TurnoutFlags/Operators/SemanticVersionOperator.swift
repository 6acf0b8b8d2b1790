/// flagd's `sem_ver` operator: `{"sem_ver": [version, op, version]}`.
///
/// `op` is one of `=`, `!=`, `<`, `<=`, `>`, `>=`, `^` (same major) and `~` (same major and
/// minor). Numbers are read as their JavaScript text; an unparsable version, an unknown
/// operator or a wrong argument count yields null.
public enum SemanticVersionOperator {
    /// Evaluates `sem_ver` on already evaluated arguments.
    public static func evaluate(_ arguments: [JSONValue]) -> JSONValue {
        guard arguments.count == 3, case .string(let comparison) = arguments[1],
            let left = version(arguments[0]), let right = version(arguments[2])
        else { return .null }
        switch comparison {
        case "=": return .bool(left == right)
        case "!=": return .bool(left != right)
        case "<": return .bool(left < right)
        case "<=": return .bool(left <= right)
        case ">": return .bool(left > right)
        case ">=": return .bool(left >= right)
        case "^": return .bool(left.major == right.major)
        case "~": return .bool(left.major == right.major && left.minor == right.minor)
        default: return .null
        }
    }

    private static func version(_ value: JSONValue) -> SemanticVersion? {
        switch value {
        case .string(let text): SemanticVersion(flagdText: text)
        case .number(let number): SemanticVersion(flagdText: JavaScriptNumberFormat.string(number))
        default: nil
        }
    }
}
