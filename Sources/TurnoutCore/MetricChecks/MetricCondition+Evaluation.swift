import TurnoutStats

extension MetricCondition {
    /// Judges the readings: an unavailable reading is inconclusive; no data (or NaN) follows
    /// `noData`; otherwise the comparison decides, and a side that computes to NaN (such as
    /// `0 / 0`) is inconclusive, never a pass.
    ///
    /// `stable` is only looked at when the condition names it.
    public func evaluate(canary: MetricReading, stable: MetricReading?, noData: MetricCheckSpec.NoData) -> CanaryCheckResult {
        var readings = [("canary", canary)]
        if mentionsStable { readings.append(("stable", stable ?? .unavailable(reason: "not queried"))) }
        var values: [String: Double] = [:]
        for (label, reading) in readings {
            switch reading {
            case .unavailable(let reason):
                return CanaryCheckResult(verdict: .inconclusive, summary: "\(label): \(reason)", values: values)
            case .noData(let reason):
                return Self.noDataResult(noData, because: "\(label): \(reason)", values: values)
            case .value(let value) where value.isNaN:
                return Self.noDataResult(noData, because: "\(label): the value is NaN", values: values)
            case .value(let value):
                if value.isFinite { values[label] = value }
            }
        }
        let canaryValue = Self.number(canary)
        let stableValue = stable.map(Self.number) ?? .nan
        let (leftValue, rightValue) = (left.value(canary: canaryValue, stable: stableValue), right.value(canary: canaryValue, stable: stableValue))
        let shown = readings.map { "\($0.0) \(Self.text(Self.number($0.1)))" }.joined(separator: ", ")
        guard !leftValue.isNaN, !rightValue.isNaN else {
            return CanaryCheckResult(verdict: .inconclusive, summary: "\(shown): \(kind.rawValue) \"\(source)\" computes to NaN", values: values)
        }
        let holds = comparison.holds(leftValue, rightValue)
        let passes = holds == (kind == .passWhen)
        let comparisonText = "\(Self.text(leftValue)) \(comparison.rawValue) \(Self.text(rightValue)) is \(holds)"
        return CanaryCheckResult(
            verdict: passes ? .pass : .fail, summary: "\(shown): \(kind.rawValue) \"\(source)\": \(comparisonText)", values: values
        )
    }

    private static func noDataResult(_ noData: MetricCheckSpec.NoData, because reason: String, values: [String: Double]) -> CanaryCheckResult {
        let verdict: CanaryCheckResult.Verdict =
            switch noData {
            case .pass: .pass
            case .fail: .fail
            case .inconclusive: .inconclusive
            }
        return CanaryCheckResult(verdict: verdict, summary: "no data (\(reason)); no_data: \(noData.rawValue)", values: values)
    }

    private static func number(_ reading: MetricReading) -> Double {
        if case .value(let value) = reading { return value }
        return .nan
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
