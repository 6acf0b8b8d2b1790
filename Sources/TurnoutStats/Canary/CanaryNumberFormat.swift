import Foundation

/// Short number formats for the one-line summaries of the canary checks.
enum CanaryNumberFormat {
    /// Three significant digits: `0.0943`, `0.002`, `1.52`.
    static func value(_ x: Double) -> String {
        trimExponent(String(format: "%.3g", x))
    }

    /// Three significant digits with an explicit sign: `+0.092`, `-0.01`.
    static func signed(_ x: Double) -> String {
        trimExponent(String(format: "%+.3g", x))
    }

    /// Two significant digits, the way p-values are read: `0.031`, `1.2e-9`.
    static func pValue(_ p: Double) -> String {
        trimExponent(String(format: "%.2g", p))
    }

    /// `1.2e-09` -> `1.2e-9`: C's printf pads the exponent to two digits.
    static func trimExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if let first = exponent.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return String(text[..<e]) + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }
}
