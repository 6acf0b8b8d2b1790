extension ABTestController {
    /// What an A/B test's guardrails judged at one look come to: the look to record, and when a
    /// guardrail failed, the abort that sends all traffic back to control, its reason naming
    /// every failed guardrail with its numbers.
    ///
    /// Only a failure stops the test: an inconclusive guardrail (no answer, an unreachable
    /// provider, no data under `no_data: inconclusive`) leaves it running, because the test's own
    /// statistics, not the guardrail, decide its conclusion.
    package static func guardrailActions(_ checks: [NamedCheck]) -> [ControllerAction] {
        var failed: [String] = []
        var inconclusive: [String] = []
        for check in checks {
            switch check.outcome {
            case .pass: continue
            case .fail(let reason): failed.append("\(check.name): \(reason)")
            case .inconclusive: inconclusive.append(check.name)
            }
        }
        guard failed.isEmpty else {
            let reason = "guardrail failed: " + failed.joined(separator: "; ")
            return [.recordAnalysis(decision: "abort (\(reason))"), .apply(.abort(reason: reason), reason: reason)]
        }
        let decision = inconclusive.isEmpty ? "guardrails hold" : "guardrails hold; inconclusive: \(inconclusive.joined(separator: ", "))"
        return [.recordAnalysis(decision: decision)]
    }
}
