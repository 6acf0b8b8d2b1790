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

    /// Moves every canary and blue-green release on by its controller; called on a timer.
    func driveRollouts() async {
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) {
            if let spec = managed.state.spec.as(CanarySpec.self) {
                await driveCanary(model, spec: spec, state: managed.state)
            } else if let spec = managed.state.spec.as(BlueGreenSpec.self) {
                await driveBlueGreen(model, spec: spec, state: managed.state)
            }
        }
    }

    private func driveCanary(_ model: String, spec: CanarySpec, state: ReleaseState) async {
        let now = self.now
        let stored = canaryProgress[model]
        let progress = CanaryController.progress(stored, for: state)
        var checks: [RolloutAnalysis.Check]?
        if CanaryController.isAnalysisDue(spec: spec, state: state, progress: progress, now: now) {
            checks = await comparisonChecks(
                model, baseline: spec.stable, candidate: spec.canary, analysis: spec.analysis,
                since: progress.stepStartedAt, baselineWindow: state.phase == .promoted ? state.promotedAt : nil
            )
        }
        let decision = CanaryController.decide(spec: spec, state: state, progress: progress, checks: checks?.map(\.named), now: now)
        canaryProgress[model] = decision.progress
        if decision.progress != stored { await saveProgress(decision.progress, of: model) }
        if let checks { rolloutAnalyses[model] = RolloutAnalysis(time: now, checks: checks, decision: decision.reason) }
        if let command = decision.command { await applyControllerCommand(command, model: model, revision: state.revision, reason: decision.reason) }
    }

    private func driveBlueGreen(_ model: String, spec: BlueGreenSpec, state: ReleaseState) async {
        let now = self.now
        let stored = blueGreenProgress[model]
        let progress = BlueGreenController.progress(stored, for: state)
        let plan = BlueGreenController.plan(spec: spec, state: state, progress: progress, now: now)
        var inputs = BlueGreenInputs()
        var checks: [RolloutAnalysis.Check] = []
        if plan.runSmoke, let outcome = smokeOutcome(model, spec: spec, revision: state.revision) {
            inputs.smoke = outcome
            checks.append(RolloutAnalysis.Check(name: NamedCheck.smoke, outcome: outcome))
        }
        if plan.evaluatePrePromotion, let pre = spec.prePromotion {
            let outcome = prePromotionOutcome(model, spec: spec, pre: pre)
            inputs.prePromotion = outcome
            checks.append(RolloutAnalysis.Check(name: NamedCheck.prePromotion, outcome: outcome))
        }
        if plan.analyzePostPromotion {
            let post = await comparisonChecks(
                model, baseline: spec.active, candidate: spec.preview, analysis: spec.postPromotion.analysis,
                since: progress.phaseStartedAt, baselineWindow: state.promotedAt
            )
            inputs.postPromotion = post.map(\.named)
            checks += post
        }
        let decision = BlueGreenController.decide(spec: spec, state: state, progress: progress, inputs: inputs, now: now)
        blueGreenProgress[model] = decision.progress
        if decision.progress != stored { await saveProgress(decision.progress, of: model) }
        if !checks.isEmpty { rolloutAnalyses[model] = RolloutAnalysis(time: now, checks: checks, decision: decision.reason) }
        if let command = decision.command { await applyControllerCommand(command, model: model, revision: state.revision, reason: decision.reason) }
    }

    /// The outcome of the smoke run started for this revision, once it is over; starts one when
    /// none is running, so the ticker never waits on the preview.
    private func smokeOutcome(_ model: String, spec: BlueGreenSpec, revision: Int) -> CheckOutcome? {
        if let done = smokeOutcomes[model], done.revision == revision {
            smokeOutcomes[model] = nil
            return done.outcome
        }
        guard smokeRuns[model] != revision, let smokeRunner else { return nil }
        smokeRuns[model] = revision
        Task {
            let outcome = await smokeRunner.run(spec.smoke, model: model, version: spec.preview)
            self.smokeFinished(model, revision: revision, outcome: outcome)
        }
        return nil
    }

    private func smokeFinished(_ model: String, revision: Int, outcome: CheckOutcome) {
        // A run for an older revision (the release moved on meanwhile) neither clears the
        // marker of the current run nor counts.
        guard smokeRuns[model] == revision else { return }
        smokeRuns[model] = nil
        smokeOutcomes[model] = (revision, outcome)
    }

    /// Saves a controller's progress, so a restart keeps its timers and failure count.
    private func saveProgress(_ progress: some Encodable, of model: String) async {
        guard let store, let data = try? JSONEncoder().encode(progress) else { return }
        let record = ModelStateRecord(model: model, key: Self.progressKey, value: String(decoding: data, as: UTF8.self), updatedAt: Date())
        do {
            try await store.saveModelStates([record])
        } catch {
            logger.warning("release of \(model): could not save the controller's progress: \(error)")
        }
    }

    static let progressKey = "rollout/progress"

    /// Reads back the progress of every canary and blue-green release after a restart; a
    /// progress of an older revision is ignored by the controllers.
    func loadRolloutProgress() async {
        guard let store else { return }
        let decoder = JSONDecoder()
        for (model, managed) in releases {
            guard let record = try? await store.modelStates(model: model, prefix: Self.progressKey).first else { continue }
            let data = Data(record.value.utf8)
            if managed.state.spec.as(CanarySpec.self) != nil {
                canaryProgress[model] = try? decoder.decode(CanaryProgress.self, from: data)
            } else if managed.state.spec.as(BlueGreenSpec.self) != nil {
                blueGreenProgress[model] = try? decoder.decode(BlueGreenProgress.self, from: data)
            }
        }
    }

    /// Applies the controller's own command unless someone changed the release meanwhile.
    private func applyControllerCommand(_ command: LifecycleCommand, model: String, revision: Int, reason: String) async {
        do {
            _ = try await apply(command, model: model, ifMatch: revision, actor: "controller", reason: reason)
        } catch .staleRevision {
            // An operator acted while the analysis ran; the next tick decides on the new state.
        } catch {
            logger.error("release of \(model): the controller's \(command.action.rawValue) failed: \(error)")
        }
    }

    /// The candidate compared with the baseline on the same stretch of traffic since `since`:
    /// error rate, latency and, when asked for, reward. Once the candidate has all the traffic
    /// (`baselineWindow` is the switch time), the baseline is its last hour before the switch.
    func comparisonChecks(
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

    /// The preview judged on the production requests mirrored to it, by the shadow comparison.
    private func prePromotionOutcome(_ model: String, spec: BlueGreenSpec, pre: BlueGreenSpec.PrePromotion) -> CheckOutcome {
        let summary = (shadowLedger?.comparison(model: model, primary: spec.active, shadow: spec.preview) ?? ShadowComparison()).summary()
        guard summary.pairs >= pre.minPairs else {
            return .inconclusive(reason: "\(summary.pairs) mirrored pairs, fewer than min_pairs \(pre.minPairs)")
        }
        let thresholds = ShadowThresholds(minPairs: pre.minPairs, maxLatencyP99Ratio: pre.maxLatencyP99Ratio, maxErrorRate: pre.maxErrorRate)
        let verdict = summary.verdict(thresholds)
        return verdict.ready ? .pass : .fail(reason: verdict.reasons.joined(separator: "; "))
    }
}
