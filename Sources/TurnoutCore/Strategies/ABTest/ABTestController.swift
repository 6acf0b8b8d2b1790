import Foundation
import TurnoutStats

/// The A/B test as a pure state machine: the release state, its stored conclusion, when it was
/// last looked at, the latest analysis and the time in; the conclusion to record out.
///
/// The gateway drives it on every tick:
/// 1. with a stored conclusion, apply ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)``
///    (a promotion that failed before is tried again);
/// 2. else, when ``isLookDue(spec:state:conclusion:lastLookAt:now:)``, read the evidence, run
///    the statistics engine on ``ABTestSpec/analysisRequest(statistics:units:elapsed:)``;
/// 3. `decide(spec:result:now:)`: a conclusion is recorded with
///    ``ReleaseLifecycle/conclude(_:actor:now:reason:)`` and stored with the release, then its
///    promotion applied as in 1.
///
/// ## Rules
/// - Only a ``ReleasePhase/progressing`` test without a conclusion is analysed, once per
///   ``ABTestSpec/interval``.
/// - The engine's `keep_running` concludes nothing; any other decision concludes.
/// - `on_conclusion: promote` gives the winner all of the traffic (control when no variant
///   wins), `keep_control` gives it to control, `none` leaves the split as it is.
package enum ABTestController {
    /// Whether the gateway should read the evidence and analyse the test now.
    package static func isLookDue(spec: ABTestSpec, state: ReleaseState, conclusion: ExperimentConclusion?, lastLookAt: Double?, now: Double) -> Bool {
        state.phase == .progressing && conclusion == nil && now - (lastLookAt ?? 0) >= spec.interval
    }

    /// What an analysis made `now` concludes: `nil` while the engine says keep running, else the
    /// conclusion to record, naming the version it gives all of the traffic, if any.
    package static func decide(spec: ABTestSpec, result: AnalysisResult, now: Double) -> ExperimentConclusion? {
        guard result.decision != .keepRunning else { return nil }
        let target: String?
        switch spec.onConclusion {
        case .none: target = nil
        case .keepControl: target = spec.control
        case .promote: target = result.decision == .variantWins ? (result.winner ?? spec.control) : spec.control
        }
        return ExperimentConclusion(
            time: now, decision: result.decision.rawValue, winner: result.winner, summary: summary(of: result), result: result, promoteTo: target
        )
    }

    /// The conclusion in one line, with the numbers that decided it.
    package static func summary(of result: AnalysisResult) -> String {
        let comparisons = result.variants.map { variant -> String in
            let effect = variant.effect.map { result.effect == .relative ? String(format: "%+.2f%%", $0 * 100) : String(format: "%+.4g", $0) } ?? "n/a"
            let p = variant.pValue.map { String(format: "p %.4g", $0) } ?? "p n/a"
            return "\(variant.name) vs \(result.control): effect \(effect), \(p)"
        }
        let head: String
        switch result.decision {
        case .variantWins: head = "\(result.winner ?? "a variant") wins"
        case .controlWins: head = "control \(result.control) wins"
        case .noDifference: head = "no difference"
        case .keepRunning: head = "keep running"
        }
        return "\(head) (\(result.test.rawValue) test, alpha \(result.alpha)): " + comparisons.joined(separator: "; ")
    }
}
