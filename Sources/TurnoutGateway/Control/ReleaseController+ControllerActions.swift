import TurnoutCore

extension ReleaseController {
    /// Carries out what a controller decided for the release at `revision`, in order; `label`
    /// names the strategy in the log, `checks` are the checks the step judged (for the analysis
    /// the admin API shows). Observations the step asked for were gathered by its driver.
    func carryOut<Progress: Encodable>(
        _ step: ControllerStep<Progress>, model: String, revision: Int, label: String, checks: [RolloutAnalysis.Check] = [], now: Double
    ) async {
        if step.actions.contains(where: \.isScale) { scalingControllers.insert(model) } else { scalingControllers.remove(model) }
        for action in step.actions {
            switch action {
            case .readEvidence, .compareVersions, .runSmoke, .judgeMirroredTraffic:
                continue
            case .saveProgress:
                await saveProgress(step.progress, of: model)
            case .recordAnalysis(let decision):
                let analysis = RolloutAnalysis(time: now, checks: checks, decision: decision, step: releases[model]?.state.step)
                rolloutAnalyses[model] = analysis
                if let spec = releases[model]?.state.spec { stepAnalyses[model, default: StepAnalyses(spec: spec)].record(analysis, spec: spec) }
                analysisGauges?.record(model: model, checks: checks.map { ($0.name, $0.verdict, $0.values) })
                announceFailedChecks(checks, model: model, decision: decision, now: now)
            case .warn(let message):
                logger.warning("\(label) of \(model): \(message)")
            case .apply(let command, let reason):
                await applyControllerCommand(command, model: model, revision: revision, reason: reason)
            case .route(let shares):
                // The release moved on while the evidence was read: these shares are for the old one.
                guard releases[model]?.state.revision == revision else { return }
                publishShares(shares, for: model)
            case .scale(let version, let replicas):
                await scale(version, of: model, to: replicas)
            case .conclude(let conclusion):
                do { try await conclude(model, revision: revision, conclusion: conclusion) } catch { logger.error("\(label) of \(model): \(error)") }
            case .promote:
                do { try await promoteConcluded(model) } catch { logger.error("\(label) of \(model): promotion failed, retrying: \(error)") }
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
}

extension ControllerAction {
    /// Whether the action asks for a number of instances.
    var isScale: Bool {
        if case .scale = self { return true }
        return false
    }
}
