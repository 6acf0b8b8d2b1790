import TurnoutCore

/// How many instances each `process` version runs under a release whose strategy does not
/// scale instances itself (everything but `rolling` and `recreate`).
///
/// A version runs its configured `replicas` while it has a part in the release: while the
/// release runs (progressing, paused, promoted) every version it names, and any shadow it
/// mirrors to; once it is over (completed, aborted) the versions that still get traffic, and
/// the previous stable version while the rollback window is open. So a blue-green release
/// starts its preview when it starts, keeps the old active version through the rollback window
/// (a rollback is instant because it still runs), and stops it when the window has passed.
enum InstancePlan {
    /// The wanted replicas of every `process` version of `model` under `state` at `now`;
    /// `serving` are the versions the release routes traffic to now.
    static func replicas(of model: ModelConfig, state: ReleaseState?, serving: Set<String>, now: Double) -> [String: Int] {
        var involved = serving
        if let state {
            involved.formUnion(state.spec.mirroring?.shadows ?? [])
            switch state.phase {
            case .progressing, .paused, .promoted:
                involved.formUnion(state.spec.referencedVersions)
            case .completed, .aborted:
                if serving.isEmpty { involved.formUnion(state.spec.referencedVersions) }
                if state.phase == .completed, let previous = state.previousStable, let window = state.rollbackWindow,
                    now - (state.promotedAt ?? state.updatedAt) <= window {
                    involved.insert(previous)
                }
            }
        } else {
            involved.formUnion(model.release.referencedVersions)
        }
        var replicas: [String: Int] = [:]
        for version in model.versions {
            guard let process = version.process else { continue }
            replicas[version.name] = involved.contains(version.name) ? process.replicas : 0
        }
        return replicas
    }
}
