/// Closeness of a computed value to a reference value.
struct Tolerance: Sendable {
    /// Allowed error relative to the reference's magnitude.
    var relative: Double
    /// Allowed absolute error, for references at or near zero.
    var absolute: Double

    /// True when `actual` is within tolerance of `expected` (NaN matches NaN, infinities match exactly).
    func accepts(_ actual: Double, _ expected: Double) -> Bool {
        if expected.isNaN { return actual.isNaN }
        if expected.isInfinite { return actual == expected }
        return abs(actual - expected) <= absolute + relative * abs(expected)
    }

    /// Relative difference, for reporting.
    static func relativeError(_ actual: Double, _ expected: Double) -> Double {
        expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    }
}

/// Collects mismatches so one test can report all failing rows of a fixture.
struct MismatchLog {
    private(set) var lines: [String] = []
    private(set) var checked = 0

    /// Compares and records a mismatch with its context.
    mutating func check(_ actual: Double, _ expected: Double, _ tolerance: Tolerance, _ context: @autoclosure () -> String) {
        checked += 1
        if !tolerance.accepts(actual, expected) {
            lines.append("\(context()): got \(actual), expected \(expected) (rel err \(Tolerance.relativeError(actual, expected)))")
        }
    }

    /// A short summary: the count and the first few mismatches.
    var summary: String {
        "\(lines.count) of \(checked) mismatched:\n" + lines.prefix(8).joined(separator: "\n")
    }
}
