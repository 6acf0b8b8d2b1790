import Testing
import TurnoutCore
import TurnoutStats

/// The conditions of metric checks: what they read, what they refuse, and every verdict.
@Suite("Metric check conditions")
struct MetricConditionTests {
    static func condition(_ text: String, _ kind: MetricCondition.Kind = .failWhen) throws -> MetricCondition {
        try MetricCondition(kind: kind, parsing: text)
    }

    @Test("the short form compares the canary's value", arguments: [
        ("> 0.9", MetricCondition.Comparison.greater, 0.9), (">= 1", .greaterOrEqual, 1), ("< -2", .less, -2), ("<= 1e-3", .lessOrEqual, 0.001),
        ("== true", .equal, 1), ("!= false", .notEqual, 0),
    ])
    func shortForm(text: String, comparison: MetricCondition.Comparison, value: Double) throws {
        let condition = try Self.condition(text)
        #expect(condition.left == .canary)
        #expect(condition.comparison == comparison)
        #expect(condition.right.value(canary: .nan, stable: .nan) == value)
        #expect(!condition.mentionsStable)
    }

    @Test("arithmetic keeps precedence, parentheses and unary minus")
    func arithmetic() throws {
        let condition = try Self.condition("canary - 1 > (stable + 2) * 3 / -2")
        #expect(condition.left.value(canary: 10, stable: 0) == 9)
        #expect(condition.right.value(canary: 0, stable: 4) == -9)
        #expect(condition.mentionsStable)
        #expect(try Self.condition("> 1 + 2 * 3").right.value(canary: 0, stable: 0) == 7)
        #expect(try Self.condition("> 8 - 2 - 1").right.value(canary: 0, stable: 0) == 5)
    }

    @Test("a condition that cannot be read says why", arguments: [
        ("", "expected a comparison"),
        ("0.9", "expected a comparison"),
        ("> ", "expected a number"),
        ("= 1", "unexpected character \"=\""),
        ("> foo", "unknown name \"foo\""),
        ("> 1 2", "unexpected number 2"),
        ("> (1 + 2", "missing )"),
        ("stable > 3", "never looks at the canary"),
        ("> 1 > 2", "unexpected \">\""),
        ("> 1.2.3", "not a number: 1.2.3"),
    ])
    func refused(text: String, message: String) {
        do {
            _ = try MetricCondition(kind: .failWhen, parsing: text)
            Issue.record("\(text) was read")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("fail_when fails when the comparison holds and passes when it does not; pass_when the other way", arguments: [
        (MetricCondition.Kind.failWhen, 0.95, CanaryCheckResult.Verdict.fail),
        (.failWhen, 0.9, .pass),
        (.failWhen, 0.5, .pass),
        (.passWhen, 0.95, .pass),
        (.passWhen, 0.9, .fail),
        (.failWhen, Double.infinity, .fail),
        (.failWhen, -Double.infinity, .pass),
        (.passWhen, Double.infinity, .pass),
    ])
    func verdicts(kind: MetricCondition.Kind, value: Double, verdict: CanaryCheckResult.Verdict) throws {
        let result = try Self.condition("> 0.9", kind).evaluate(canary: .value(value), stable: nil, noData: .pass)
        #expect(result.verdict == verdict)
        #expect(result.summary.contains(kind.rawValue))
        // Only finite numbers are recorded, so the values encode as JSON.
        #expect(result.values == (value.isFinite ? ["canary": value] : [:]))
    }

    @Test("comparing with stable", arguments: [(1.3, 1.0, CanaryCheckResult.Verdict.fail), (1.1, 1.0, .pass), (0, 0, .pass)])
    func stableComparison(canary: Double, stable: Double, verdict: CanaryCheckResult.Verdict) throws {
        let result = try Self.condition("canary > stable * 1.2").evaluate(canary: .value(canary), stable: .value(stable), noData: .pass)
        #expect(result.verdict == verdict)
        #expect(result.values == ["canary": canary, "stable": stable])
    }

    @Test("== true passes on 1 (a web check's true) and fails on 0", arguments: [(1.0, CanaryCheckResult.Verdict.pass), (0, .fail), (2, .fail)])
    func booleans(value: Double, verdict: CanaryCheckResult.Verdict) throws {
        #expect(try Self.condition("== true", .passWhen).evaluate(canary: .value(value), stable: nil, noData: .inconclusive).verdict == verdict)
    }

    @Test("no data and NaN follow no_data, whatever the condition", arguments: MetricCheckSpec.NoData.allCases)
    func noData(setting: MetricCheckSpec.NoData) throws {
        for kind in MetricCondition.Kind.allCases {
            let condition = try Self.condition("!= 5", kind)
            let empty = condition.evaluate(canary: .noData(reason: "the query returned an empty vector"), stable: nil, noData: setting)
            let nan = condition.evaluate(canary: .value(.nan), stable: nil, noData: setting)
            for result in [empty, nan] {
                #expect(result.verdict.rawValue == setting.rawValue)
                #expect(result.summary.contains("no data") && result.summary.contains("no_data: \(setting.rawValue)"))
                #expect(result.values == [:])
            }
            #expect(nan.summary.contains("NaN"))
        }
    }

    @Test("a NaN or missing stable value is no data too")
    func stableNoData() throws {
        let condition = try Self.condition("canary > stable")
        #expect(condition.evaluate(canary: .value(1), stable: .value(.nan), noData: .fail).verdict == .fail)
        #expect(condition.evaluate(canary: .value(1), stable: .noData(reason: "empty"), noData: .inconclusive).verdict == .inconclusive)
        #expect(condition.evaluate(canary: .value(1), stable: nil, noData: .pass).verdict == .inconclusive)
    }

    @Test("an unavailable provider is inconclusive even when no_data would pass", arguments: MetricCheckSpec.NoData.allCases)
    func unavailable(setting: MetricCheckSpec.NoData) throws {
        let condition = try Self.condition("canary > stable", .passWhen)
        let canaryDown = condition.evaluate(canary: .unavailable(reason: "timeout"), stable: .value(1), noData: setting)
        let stableDown = condition.evaluate(canary: .value(1), stable: .unavailable(reason: "HTTP 503"), noData: setting)
        #expect(canaryDown.verdict == .inconclusive && canaryDown.summary == "canary: timeout")
        #expect(stableDown.verdict == .inconclusive && stableDown.summary == "stable: HTTP 503")
    }

    @Test("a side that computes to NaN is inconclusive, never a pass", arguments: MetricCondition.Kind.allCases)
    func computedNaN(kind: MetricCondition.Kind) throws {
        let condition = try Self.condition("canary / stable != 1", kind)
        let result = condition.evaluate(canary: .value(0), stable: .value(0), noData: .pass)
        #expect(result.verdict == .inconclusive)
        #expect(result.summary.contains("NaN"))
        // Dividing a positive value by zero is +Inf, which compares.
        #expect(condition.evaluate(canary: .value(1), stable: .value(0), noData: .pass).verdict != .inconclusive)
    }

    @Test("the summary shows the values and the comparison")
    func summary() throws {
        let result = try Self.condition("> 0.9").evaluate(canary: .value(0.95), stable: nil, noData: .inconclusive)
        #expect(result.summary == "canary 0.95: fail_when \"> 0.9\": 0.95 > 0.9 is true")
    }
}
