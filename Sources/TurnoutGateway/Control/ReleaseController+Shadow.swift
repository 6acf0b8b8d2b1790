import TurnoutCore

extension ReleaseController {
    /// Makes `version`, a shadow of the model's shadow release, its primary (`turnout promote
    /// --to`): a new release starts, so its comparisons start afresh; the old primary stays as a
    /// shadow when `keepShadow`, and with no shadow left the release is a single one.
    func promoteShadow(
        model name: String, to version: String, keepShadow: Bool, ifMatch: Int?, actor: String, reason: String?
    ) async throws(ReleaseControlError) -> ReleaseState {
        guard let current = releases[name] else { throw .unknownModel(name) }
        try check(ifMatch, against: current.state)
        guard let shadow = current.state.spec.as(ShadowSpec.self), [.progressing, .paused].contains(current.state.phase) else {
            throw .conflict("promote --to makes a shadow the primary, but \(name) is not in a running shadow release (\(current.state.spec.strategyName), \(current.state.phase.rawValue))")
        }
        guard shadow.shadows.contains(version) else {
            throw .conflict("\(version) is not a shadow of \(name) (shadows: \(shadow.shadows.joined(separator: ", ")))")
        }
        let spec = shadow.promoting(version, keepShadow: keepShadow)
        var transition = ReleaseLifecycle.start(
            model: name, spec: spec, previousStable: shadow.primary, replacing: current.state, actor: actor, now: now
        )
        transition.event.action = "promote"
        let kept = keepShadow ? "; \(shadow.primary) stays as a shadow" : ""
        transition.event.reason = reason ?? "promoted shadow \(version) to primary in place of \(shadow.primary)\(kept)"
        transition.state.reason = transition.event.reason
        let managed = ManagedRelease(state: transition.state, configSpec: current.configSpec, startedAt: now)
        try await commit(transition, managed: managed, expected: current.state.revision)
        return transition.state
    }
}
