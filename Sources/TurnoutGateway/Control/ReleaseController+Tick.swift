import Foundation
import TurnoutCore
import TurnoutStore

extension ReleaseController {
    /// One round of every strategy's controller: A/B tests, bandits, canaries and blue-green
    /// releases, each acting only when its own interval is due.
    ///
    /// Each is driven the same way: step its pure controller, gather the observations the step
    /// asks for, step again with them, and hand the step to ``carryOut(_:model:revision:label:checks:now:)``,
    /// which changes releases through ``ReleaseLifecycle`` only.
    ///
    /// The one loop that moves releases without an operator: ``ReleaseTicker`` calls it on a
    /// timer, and tests call it (through `Gateway.tick()`) to move a release by rounds rather
    /// than by waiting for the timer.
    func tick() async {
        await tellRollbackGates()
        await askStartGates()
        for (model, managed) in releases.sorted(by: { $0.key < $1.key }) where !awaitsStart(model) {
            guard let driven = managed.state.spec.strategy as? any DrivenStrategy else { continue }
            await driven.tick(model, managed: managed, on: self)
        }
        await reconcileInstances()
    }

    /// The progress kept for `model`'s controller, if it is of type `Progress`.
    func progress<Progress: Sendable>(of model: String, as type: Progress.Type) -> Progress? {
        controllerProgress[model] as? Progress
    }

    /// Keeps `progress` for `model`'s controller until its next tick.
    func keep(_ progress: some Sendable, of model: String) {
        controllerProgress[model] = progress
    }

    /// Saves a controller's progress, so a restart keeps its timers and failure count. Stamped
    /// by the injected clock, like every other time the controller writes.
    func saveProgress(_ progress: some Encodable, of model: String) async {
        guard let store, let data = try? JSONEncoder().encode(progress) else { return }
        let record = ModelStateRecord(model: model, key: Self.progressKey, value: String(decoding: data, as: UTF8.self), updatedAt: Date(timeIntervalSince1970: now))
        do {
            try await store.saveModelStates([record])
        } catch {
            logger.warning("release of \(model): could not save the controller's progress: \(error)")
        }
    }

    static let progressKey = "rollout/progress"

    /// Reads back the stored progress of every driven release after a restart; a progress of an
    /// older revision is ignored by the controllers.
    func loadControllerProgress() async {
        guard let store else { return }
        for (model, managed) in releases {
            guard let driven = managed.state.spec.strategy as? any DrivenStrategy,
                let record = try? await store.modelStates(model: model, prefix: Self.progressKey).first
            else { continue }
            controllerProgress[model] = type(of: driven).restoredProgress(from: Data(record.value.utf8))
        }
    }
}
