/// Formats a `Double` the way JavaScript's `String(number)` does (ECMAScript Number::toString).
///
/// JsonLogic's `cat`, string comparisons and variant names depend on this text, so
/// `String(1.0)` must be `"1"` and `String(1e-7)` must be `"1e-7"`, as in json-logic-js.
public enum JavaScriptNumberFormat {
    /// The JavaScript string form of `value`.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        return sign + layout(digits: digits, pointPosition: pointPosition)
    }

    /// The shortest round-trip decimal digits of a positive finite value and the position of
    /// the decimal point: value = 0.d1d2...dk × 10^pointPosition.
    static func shortestDigits(of value: Double) -> (digits: [Character], pointPosition: Int) {
        // Swift's description already yields the shortest round-trip digits; only the layout differs.
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = Array(pieces[0])
        let fractionPart = pieces.count > 1 ? Array(pieces[1]) : []
        var digits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" {
            digits.removeLast()
        }
        return (digits, pointPosition)
    }

    private static func layout(digits: [Character], pointPosition n: Int) -> String {
        let k = digits.count
        let all = String(digits)
        if k <= n && n <= 21 {
            return all + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(digits[0..<n]) + "." + String(digits[n...])
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + all
        }
        let exponent = n - 1
        let exponentText = exponent < 0 ? "e-\(-exponent)" : "e+\(exponent)"
        if k == 1 {
            return all + exponentText
        }
        return String(digits[0]) + "." + String(digits[1...]) + exponentText
    }
}
