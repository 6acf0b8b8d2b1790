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


    /// One tick of one A/B test: step its controller, read and analyse the evidence when it
    /// asks for it, step again with the analysis, and carry out what it decided.
    fileprivate func driveABTest(_ model: String, spec: ABTestSpec, managed: ManagedRelease) async {
        let now = self.now
        var step = ABTestController.step(
            spec: spec, state: managed.state, progress: progress(of: model, as: ExperimentProgress.self) ?? ExperimentProgress(), conclusion: managed.conclusion, result: nil, now: now
        )
        keep(step.progress, of: model)
        if step.actions.contains(.readEvidence), !spec.guardrails.isEmpty {
            let checks = await guardrailChecks(model, spec: spec, since: managed.evidenceStart, now: now)
            let judged = ControllerStep(progress: step.progress, actions: ABTestController.guardrailActions(checks.map(\.named)))
            await carryOut(judged, model: model, revision: managed.state.revision, label: "A/B test", checks: checks, now: now)
            // Aborted by a guardrail, or changed by an operator while the guardrails were asked.
            guard releases[model]?.state.revision == managed.state.revision else { return }
        }
        if step.actions.contains(.readEvidence) {
            do {
                let look = try await look(atABTest: model)
                step = ABTestController.step(
                    spec: spec, state: managed.state, progress: step.progress, conclusion: managed.conclusion, result: look.result, now: now
                )
            } catch {
                logger.error("A/B test of \(model): \(error)")
                return
            }
        }
        await carryOut(step, model: model, revision: managed.state.revision, label: "A/B test", now: now)
    }

    /// The test's guardrails asked about each variant (as the canary, control as the stable
    /// version) over the evidence so far; with several variants each result names its variant.
    private func guardrailChecks(_ model: String, spec: ABTestSpec, since: Double, now: Double) async -> [RolloutAnalysis.Check] {
        var checks: [RolloutAnalysis.Check] = []
        for variant in spec.variants {
            let context = MetricCheckContext(model: model, stable: spec.control, canary: variant, step: 1, windowStart: since, windowEnd: now)
            var judged = await metricChecks.run(spec.guardrails, context: context)
            if spec.variants.count > 1 {
                for index in judged.indices { judged[index].name += " (\(variant))" }
            }
            checks += judged
        }
        return checks
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

/// An A/B test is analysed on its interval and concluded by ``ABTestController``.
extension ABTestSpec: DrivenStrategy {
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async {
        guard managed.state.phase == .progressing else { return }
        await controller.driveABTest(model, spec: self, managed: managed)
    }
}
