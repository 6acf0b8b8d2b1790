import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// One look at an A/B test: its spec, its evidence and what the engine makes of it.
    struct ABTestLook: Sendable {
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
    func look(atABTest model: String) async throws(ExperimentError) -> ABTestLook {
        guard let managed = releases[model] else { throw .unknownModel(model) }
        guard let spec = managed.state.spec.as(ABTestSpec.self) else {
            throw .notAnExperiment(model: model, strategy: managed.state.spec.strategyName)
        }
        if let concluded = managed.conclusion?.result {
            return ABTestLook(spec: spec, managed: managed, result: concluded)
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
            return ABTestLook(spec: spec, managed: managed, result: try AnalysisEngine.analyze(request))
        } catch {
            throw .storeFailed("\(error)")
        }
    }

    /// Drives every running A/B test by ``ABTestController``: a conclusion still owing its
    /// promotion is promoted, a test whose interval has passed is analysed and, when the engine
    /// decides, concluded; called by ``tick()``.
    func driveABTests() async {
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) {
            guard let spec = managed.state.spec.as(ABTestSpec.self), managed.state.phase == .progressing else { continue }
            if managed.conclusion != nil {
                do { try await promoteConcluded(model) } catch { logger.error("A/B test of \(model): promotion failed, retrying: \(error)") }
                continue
            }
            guard ABTestController.isLookDue(spec: spec, state: managed.state, conclusion: managed.conclusion, lastLookAt: lastLooks[model], now: now) else { continue }
            lastLooks[model] = now
            do {
                let look = try await look(atABTest: model)
                guard let conclusion = ABTestController.decide(spec: look.spec, result: look.result, now: now) else { continue }
                try await conclude(model, revision: look.managed.state.revision, conclusion: conclusion)
            } catch {
                logger.error("A/B test of \(model): \(error)")
            }
        }
    }

    /// Persists a controller's conclusion through ``ReleaseLifecycle/conclude(_:actor:now:reason:)``
    /// (its own audit event, `conclude`), then gives the version it names all of the traffic
    /// (`promote_full`).
    ///
    /// Nothing happens when the release moved past `revision` while the evidence was read (the
    /// actor re-enters at every await).
    func conclude(_ model: String, revision: Int, conclusion: ExperimentConclusion) async throws {
        guard let current = releases[model], current.state.revision == revision,
            let transition = ReleaseLifecycle.conclude(current.state, actor: "controller", now: now, reason: conclusion.summary)
        else { return }
        var managed = current
        managed.state = transition.state
        managed.conclusion = conclusion
        try await commit(transition, managed: managed, expected: current.state.revision)
        try await promoteConcluded(model)
    }

    /// Gives a concluded release's winner all of the traffic, if the conclusion says so and the
    /// release still runs; the ticks call it again when an earlier attempt failed.
    func promoteConcluded(_ model: String) async throws {
        guard var managed = releases[model] else { return }
        let concluded = managed.state
        switch ReleaseLifecycle.promotion(owedBy: managed.conclusion, to: concluded, actor: "controller", now: now) {
        case nil:
            return
        case .failure:
            logger.error("release of \(model): the lifecycle refused to promote \(managed.conclusion?.promoteTo ?? "?") after the conclusion")
        case .success(let promotion):
            managed.state = promotion.state
            try await commit(promotion, managed: managed, expected: concluded.revision)
        }
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
