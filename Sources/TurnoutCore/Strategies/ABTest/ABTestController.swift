import Foundation
import TurnoutStats

/// The A/B test as a pure state machine: the release state, its stored conclusion, the
/// controller's ``ExperimentProgress``, the engine's analysis (when there is one) and the time
/// in; the progress to keep and the ``ControllerAction``s to carry out.
///
/// The gateway drives it on every tick with ``step(spec:state:progress:conclusion:result:now:)``:
/// 1. without a result; keep the step's progress;
/// 2. if it asks for ``ControllerAction/readEvidence``, read the evidence, run the statistics
///    engine on ``ABTestSpec/analysisRequest(statistics:units:elapsed:)`` and step again, at the
///    same `now`, with the result;
/// 3. carry out the actions: ``ControllerAction/conclude(_:)`` through
///    ``ReleaseLifecycle/conclude(_:actor:now:reason:)``, stored with the release, then
///    ``ControllerAction/promote`` through ``ReleaseLifecycle/promotion(owedBy:to:actor:now:)``.
///
/// ## Rules
/// - Only a ``ReleasePhase/progressing`` test without a conclusion is analysed, once per
///   ``ABTestSpec/interval``; a concluded one asks for the promotion it still owes.
/// - The engine's `keep_running` concludes nothing; any other decision concludes.
/// - `on_conclusion: promote` gives the winner all of the traffic (control when no variant
///   wins), `keep_control` gives it to control, `none` leaves the split as it is.
package enum ABTestController {
    /// One tick of the test.
    ///
    /// - Parameters:
    ///   - progress: the previous step's progress; a fresh one looks at once.
    ///   - conclusion: the conclusion stored with the release, if any.
    ///   - result: the analysis of the evidence the previous step at this `now` asked for, or
    ///     `nil` on the tick's first step.
    package static func step(
        spec: ABTestSpec, state: ReleaseState, progress: ExperimentProgress, conclusion: ExperimentConclusion?, result: AnalysisResult?, now: Double
    ) -> ControllerStep<ExperimentProgress> {
        if let step = ControllerStep<ExperimentProgress>.beforeJudging(
            state: state, progress: progress, conclusion: conclusion, interval: spec.interval, hasEvidence: result != nil, now: now
        ) {
            return step
        }
        guard let result, let concluded = decide(spec: spec, result: result, now: now) else { return ControllerStep(progress: progress) }
        return ControllerStep(progress: progress, actions: [.conclude(concluded)])
    }

    /// Whether the gateway should read the evidence and analyse the test now.
    package static func isLookDue(spec: ABTestSpec, state: ReleaseState, conclusion: ExperimentConclusion?, lastLookAt: Double?, now: Double) -> Bool {
        state.phase == .progressing && conclusion == nil && ExperimentProgress(lastLookAt: lastLookAt).isLookDue(every: spec.interval, now: now)
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
