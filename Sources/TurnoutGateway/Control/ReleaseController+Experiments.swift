import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// One look at an A/B test: its spec, its evidence and what the engine makes of it.
    struct ExperimentLook: Sendable {
        let spec: ABTestSpec
        let managed: ManagedRelease
        let result: AnalysisResult
    }

    /// Why an experiment cannot be shown.
    enum ExperimentError: Error, CustomStringConvertible {
        case unknownModel(String)
        case notAnExperiment(model: String, strategy: String)
        case noStore
        case storeFailed(String)

        var description: String {
            switch self {
            case .unknownModel(let model): "model '\(model)' not found"
            case .notAnExperiment(let model, let strategy): "model '\(model)' runs a \(strategy) release, not an A/B test"
            case .noStore: "A/B tests read their evidence from the store, and this gateway runs with store: none"
            case .storeFailed(let message): "cannot read the evidence: \(message)"
            }
        }
    }

    /// Analyses the A/B test of `model` as it stands now; a concluded test shows the analysis
    /// that concluded it.
    func look(at model: String) async throws(ExperimentError) -> ExperimentLook {
        guard let managed = releases[model] else { throw .unknownModel(model) }
        guard case .abtest(let spec) = managed.state.spec else {
            throw .notAnExperiment(model: model, strategy: managed.state.spec.strategyName)
        }
        if let concluded = managed.conclusion?.result {
            return ExperimentLook(spec: spec, managed: managed, result: concluded)
        }
        guard let store else { throw .noStore }
        let since = Date(timeIntervalSince1970: managed.evidenceStart)
        let totals: [String: AggregateCounts]
        let units: [String: Int]
        do {
            totals = try await store.aggregates(model: model, since: since)
            units = try await store.unitCounts(model: model, since: since)
        } catch {
            throw .storeFailed("\(error)")
        }
        let statistics = totals.mapValues { Self.sufficientStatistics(of: $0, metric: spec.metric) }
        let request = spec.analysisRequest(statistics: statistics, units: units, elapsed: now - managed.evidenceStart)
        do {
            return ExperimentLook(spec: spec, managed: managed, result: try AnalysisEngine.analyze(request))
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Looks at every running A/B test whose interval has passed, and concludes those the
    /// engine decides; called on a timer.
    func lookAtExperiments() async {
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) {
            guard case .abtest(let spec) = managed.state.spec, managed.state.phase == .progressing else { continue }
            if managed.conclusion != nil {
                do { try await promoteConcluded(model) } catch { logger.error("A/B test of \(model): promotion failed, retrying: \(error)") }
                continue
            }
            guard now - (lastLooks[model] ?? 0) >= spec.interval else { continue }
            lastLooks[model] = now
            do {
                let look = try await look(at: model)
                guard look.result.decision != .keepRunning else { continue }
                try await conclude(look, model: model)
            } catch {
                logger.error("A/B test of \(model): \(error)")
            }
        }
    }

    /// Records the conclusion as an event, then acts on it as the test says.
    private func conclude(_ look: ExperimentLook, model: String) async throws {
        let result = look.result
        let summary = Self.summary(of: result)
        let target: String?
        switch look.spec.onConclusion {
        case .none: target = nil
        case .keepControl: target = look.spec.control
        case .promote: target = result.decision == .variantWins ? (result.winner ?? look.spec.control) : look.spec.control
        }
        let conclusion = ExperimentConclusion(time: now, decision: result.decision.rawValue, winner: result.winner, summary: summary, result: result)
        try await conclude(model, revision: look.managed.state.revision, conclusion: conclusion, promoting: target)
    }

    /// Persists a controller's conclusion as its own audit event (`conclude`), then, when
    /// `target` is set, gives that version all of the traffic (`promote_full`).
    ///
    /// Nothing happens when the release moved past `revision` while the evidence was read (the
    /// actor re-enters at every await).
    func conclude(_ model: String, revision: Int, conclusion: ExperimentConclusion, promoting target: String?) async throws {
        guard let current = releases[model], current.state.revision == revision else { return }
        let summary = conclusion.summary
        var concluded = current.state
        concluded.revision += 1
        concluded.updatedAt = now
        concluded.reason = summary
        let event = AuditEvent(time: now, model: model, actor: "controller", action: "conclude", from: current.state.phase, to: concluded.phase, reason: summary)
        var managed = current
        managed.state = concluded
        managed.conclusion = conclusion
        managed.conclusion?.promoteTo = target
        try await commit(ReleaseTransition(state: concluded, event: event), managed: managed, expected: current.state.revision)
        try await promoteConcluded(model)
    }

    /// Gives a concluded release's winner all of the traffic, if the conclusion says so and the
    /// release still runs; the timers call it again when an earlier attempt failed.
    func promoteConcluded(_ model: String) async throws {
        guard var managed = releases[model], managed.state.phase == .progressing,
            let conclusion = managed.conclusion, let target = conclusion.promoteTo
        else { return }
        let summary = conclusion.summary
        let concluded = managed.state
        let reason = "\(target) takes all of the traffic: \(summary)"
        guard case .success(var promotion) = ReleaseLifecycle.apply(.promoteFull, to: concluded, actor: "controller", now: now, reason: reason) else {
            logger.error("release of \(model): the lifecycle refused to promote \(target) after the conclusion")
            return
        }
        promotion.state.promotedVersion = target
        managed.state = promotion.state
        try await commit(promotion, managed: managed, expected: concluded.revision)
    }

    /// The conclusion in one line, with the numbers that decided it.
    static func summary(of result: AnalysisResult) -> String {
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

    /// The metric's sufficient statistics in an arm's aggregates.
    static func sufficientStatistics(of counts: AggregateCounts, metric: ABTestSpec.Metric) -> SufficientStatistics {
        switch metric {
        case .reward:
            SufficientStatistics(n: Int(counts.rewardCount), sum: counts.rewardSum, sumSquares: counts.rewardSumOfSquares)
        case .errorRate:
            SufficientStatistics(n: Int(counts.count), sum: Double(counts.errors), sumSquares: Double(counts.errors))
        case .latency:
            SufficientStatistics(n: Int(counts.count), sum: counts.latencySumMillis, sumSquares: counts.latencySumOfSquaresMillis)
        }
    }
}
