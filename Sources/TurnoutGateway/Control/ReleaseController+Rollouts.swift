import Foundation
import TurnoutCore
import TurnoutStats
import TurnoutStore

extension ReleaseController {
    /// Latencies a comparison reads per version, the newest first.
    static let latencySampleLimit = 5_000

    /// Latencies to read: enough for the check's minimum, whatever `min_requests` says.
    static func latencyLimit(_ analysis: CanaryAnalysisSpec) -> Int {
        max(latencySampleLimit, analysis.minRequests)
    }
    /// How far before a switch the old version's traffic is read as the baseline of the checks
    /// that run once the new version has all of it.
    static let baselineSeconds = 3_600.0

    /// Applies the controller's own command unless someone changed the release meanwhile.
    func applyControllerCommand(_ command: LifecycleCommand, model: String, revision: Int, reason: String) async {
        guard await gateOpens(for: command, model: model, revision: revision) else { return }
        do {
            _ = try await apply(command, model: model, ifMatch: revision, actor: "controller", reason: reason)
        } catch .staleRevision {
            // An operator acted while the analysis ran; the next tick decides on the new state.
        } catch {
            logger.error("release of \(model): the controller's \(command.action.rawValue) failed: \(error)")
        }
    }

    /// The candidate compared with the baseline on the same stretch of traffic since `since`:
    /// error rate, latency and, when asked for, reward, then the analysis' metric checks
    /// (`step` is the release's step or batch from 1, for their templates). Once the candidate
    /// has all the traffic (`baselineWindow` is the switch time), the baseline is its last hour
    /// before the switch.
    func comparisonChecks(
        _ model: String, baseline: String, candidate: String, analysis: CanaryAnalysisSpec, since: Double, baselineWindow switchTime: Double?,
        step: Int
    ) async -> [RolloutAnalysis.Check] {
        let logged = await loggedChecks(model, baseline: baseline, candidate: candidate, analysis: analysis, since: since, baselineWindow: switchTime)
        guard !analysis.checks.isEmpty else { return logged }
        let context = MetricCheckContext(model: model, stable: baseline, canary: candidate, step: step, windowStart: since, windowEnd: now)
        return logged + (await metricChecks.run(analysis.checks, context: context))
    }

    /// The built-in checks, from the decision log.
    private func loggedChecks(
        _ model: String, baseline: String, candidate: String, analysis: CanaryAnalysisSpec, since: Double, baselineWindow switchTime: Double?
    ) async -> [RolloutAnalysis.Check] {
        guard let store else {
            let why = CanaryCheckResult(verdict: .inconclusive, summary: "no store: the analysis needs the decision log (store: sqlite:PATH)", values: [:])
            return [RolloutAnalysis.Check(name: NamedCheck.errorRate, result: why)]
        }
        let candidateOutcomes: VersionOutcomes
        let baselineOutcomes: VersionOutcomes
        do {
            let recent = try await store.versionOutcomes(
                model: model, since: Date(timeIntervalSince1970: since), until: nil, latencyLimit: Self.latencyLimit(analysis)
            )
            candidateOutcomes = recent[candidate] ?? VersionOutcomes()
            if let switchTime {
                let before = try await store.versionOutcomes(
                    model: model, since: Date(timeIntervalSince1970: switchTime - Self.baselineSeconds),
                    until: Date(timeIntervalSince1970: switchTime), latencyLimit: Self.latencyLimit(analysis)
                )
                baselineOutcomes = before[baseline] ?? VersionOutcomes()
            } else {
                baselineOutcomes = recent[baseline] ?? VersionOutcomes()
            }
        } catch {
            let why = CanaryCheckResult(verdict: .inconclusive, summary: "the decision log could not be read: \(error)", values: [:])
            return [RolloutAnalysis.Check(name: NamedCheck.errorRate, result: why)]
        }
        return Self.checks(baseline: baselineOutcomes, candidate: candidateOutcomes, analysis: analysis)
    }

    static func checks(baseline: VersionOutcomes, candidate: VersionOutcomes, analysis: CanaryAnalysisSpec) -> [RolloutAnalysis.Check] {
        let errorRate = CanaryErrorRateCheck(
            maxErrorRate: analysis.maxErrorRate, allowedIncrease: analysis.errorRateIncrease, minRequests: analysis.minRequests
        ).evaluate(
            stable: (baseline.requests, baseline.errors), canary: (candidate.requests, candidate.errors)
        )
        let latency = CanaryLatencyCheck(allowedIncrease: analysis.latencyP99Increase, minSamples: analysis.minRequests)
            .evaluate(stable: baseline.latenciesMicros.map { Double($0) / 1e6 }, canary: candidate.latenciesMicros.map { Double($0) / 1e6 })
        var checks = [
            RolloutAnalysis.Check(name: NamedCheck.errorRate, result: errorRate),
            RolloutAnalysis.Check(name: NamedCheck.latency, result: latency),
        ]
        if analysis.reward {
            let reward = CanaryRewardCheck().evaluate(
                stable: SufficientStatistics(n: baseline.rewardCount, sum: baseline.rewardSum, sumSquares: baseline.rewardSumSquares),
                canary: SufficientStatistics(n: candidate.rewardCount, sum: candidate.rewardSum, sumSquares: candidate.rewardSumSquares)
            )
            checks.append(RolloutAnalysis.Check(name: NamedCheck.reward, result: reward))
        }
        return checks
    }
}
