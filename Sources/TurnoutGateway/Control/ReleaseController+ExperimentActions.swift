import TurnoutCore

extension ReleaseController {
    /// Carries out what an A/B test's or a bandit's controller decided, in order, for the
    /// release at `revision`; `label` names the strategy in the log.
    func carryOut(_ actions: [ExperimentAction], model: String, revision: Int, label: String) async {
        for action in actions {
            switch action {
            case .readEvidence:
                // The driver read the evidence and stepped again; nothing is left to do here.
                continue
            case .warn(let message):
                logger.warning("\(label) of \(model): \(message)")
            case .route(let shares):
                // The release moved on while the evidence was read: these shares are for the old one.
                guard releases[model]?.state.revision == revision else { return }
                publishShares(shares, for: model)
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
