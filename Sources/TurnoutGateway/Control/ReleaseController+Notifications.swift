import TurnoutCore

extension ReleaseController {
    /// Queues the notification of a committed lifecycle change for the model's receivers
    /// (`notify`); a change the controller made carries the newest analysis' numbers.
    func announce(_ transition: ReleaseTransition) {
        guard let notifier, let receivers = receivers(of: transition.state.model) else { return }
        let checks = transition.event.actor == "controller" ? noticeChecks(rolloutAnalyses[transition.state.model]?.checks ?? []) : []
        guard let notice = ReleaseNotice(transition.event, state: transition.state, checks: checks) else { return }
        notifier.send(notice, to: receivers)
    }

    /// Queues `check_failed` when an analysis of `model` judged a check failed.
    func announceFailedChecks(_ checks: [RolloutAnalysis.Check], model: String, decision: String, now: Double) {
        guard let notifier, let receivers = receivers(of: model), let state = releases[model]?.state,
            checks.contains(where: { $0.verdict == "fail" })
        else { return }
        let notice = ReleaseNotice(.checkFailed, state: state, time: now, actor: "controller", reason: decision, checks: noticeChecks(checks))
        notifier.send(notice, to: receivers)
    }

    /// The model's receivers, or `nil` when it has none.
    func receivers(of model: String) -> [NotificationSpec]? {
        guard let receivers = publisher.config.model(named: model)?.notify, !receivers.isEmpty else { return nil }
        return receivers
    }

    /// Checks as a notice carries them.
    func noticeChecks(_ checks: [RolloutAnalysis.Check]) -> [ReleaseNotice.Check] {
        checks.map { ReleaseNotice.Check(name: $0.name, verdict: $0.verdict, summary: $0.summary, values: $0.values) }
    }
}
