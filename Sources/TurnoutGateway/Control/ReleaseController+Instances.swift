import TurnoutAdminAPI
import TurnoutCore

extension ReleaseController {
    /// The configuration of `model` in force.
    func modelConfig(_ model: String) -> ModelConfig? {
        publisher.config.models.first { $0.name == model }
    }

    /// Runs `replicas` instances of a `process` version, as a controller asked.
    func scale(_ version: String, of model: String, to replicas: Int) async {
        guard let instances, let config = modelConfig(model) else { return }
        await instances.scale(version, of: config, to: replicas)
    }

    /// Whether `version` is a `process` version none of whose instances is ready yet.
    func isStarting(_ version: String, of model: String) async -> Bool {
        guard let instances, let config = modelConfig(model), config.version(named: version)?.process != nil else { return false }
        return (await instances.counts(of: config))[version]?.ready ?? 0 == 0
    }

    /// Keeps the instances of every model's `process` versions as its release wants them: by
    /// ``InstancePlan`` for strategies that do not scale instances themselves, and for rolling
    /// and recreate releases once they are over and their controllers scale no more (after a
    /// restart, this starts what they left running).
    func reconcileInstances() async {
        guard let instances else { return }
        await instances.stopUnconfigured(in: publisher.config)
        for model in publisher.config.models where model.versions.contains(where: { $0.process != nil }) {
            let state = releases[model.name]?.state
            if let state, state.spec.strategy is any InstanceScalingStrategy {
                guard state.phase == .completed || state.phase == .aborted, !scalingControllers.contains(model.name) else { continue }
            }
            let plan = InstancePlan.replicas(of: model, state: state, serving: servingVersions(of: model.name, state: state), now: now)
            for (version, replicas) in plan.sorted(by: { $0.key < $1.key }) {
                await instances.scale(version, of: model, to: replicas)
            }
        }
    }

    /// The versions `model` routes traffic to: the release's sole version when it has one (a
    /// completed or aborted release), else those with a share in the routing in force.
    private func servingVersions(of model: String, state: ReleaseState?) -> Set<String> {
        if let sole = state?.routing.soleVersion { return [sole] }
        return Set(publisher.weights(of: model).filter { $0.weight > 0 }.map(\.version))
    }
}

extension ReleaseController {
    /// The instances of `model`'s `process` versions for the admin API, with the requests held
    /// for them (a recreate's own count and gap while it is the release), or `nil` for a model
    /// without `process` versions.
    func instancesAnswer(of model: String) async -> InstancesAnswer? {
        guard let instances, let config = modelConfig(model), config.versions.contains(where: { $0.process != nil }) else { return nil }
        let answers = await instances.answers(of: config)
        if releases[model]?.state.spec.as(RecreateSpec.self) != nil, let recreate = progress(of: model, as: RecreateProgress.self) {
            return InstancesAnswer(instances: answers, heldRequests: recreate.held ?? 0, refusedRequests: recreate.refused ?? 0, gapSeconds: recreate.gap)
        }
        let totals = instances.holdTotals(model: model)
        return InstancesAnswer(instances: answers, heldRequests: totals.held, refusedRequests: totals.refused)
    }
}
