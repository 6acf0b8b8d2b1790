import Foundation
import TurnoutCore
import TurnoutStore

extension ReleaseController {
    /// Takes over the releases another replica saved to the shared store since this one last
    /// saw them (a newer revision than its own), and routes by them.
    ///
    /// Returns the models whose release changed. A stored release this gateway cannot use (its
    /// configuration lacks a version it names) is skipped and reported, as at start-up.
    @discardableResult
    func adoptStoredReleases() async -> [String] {
        guard let store else { return [] }
        let records: [ReleaseRecord]
        do {
            records = try await store.releases()
        } catch {
            // Stopping cancels a read under way: not worth a warning.
            if !Task.isCancelled { logger.warning("cannot read the stored releases to follow other replicas: \(error)") }
            return []
        }
        let config = publisher.config
        var adopted: [String] = []
        for record in records {
            guard let current = releases[record.model], Int64(current.state.revision) < record.revision,
                let model = config.model(named: record.model), let stored = storedManagedRelease(record, of: model)
            else { continue }
            if stored.startedAt != current.startedAt {
                // Another replica started a new release: its learning starts afresh here too.
                routedShares[record.model] = nil
                shadowLedger?.forget(model: record.model)
            }
            releases[record.model] = stored
            // A new release another replica started waits for its before_start gate here too,
            // until the leader stores that the gate opened (a newer revision, adopted the same way).
            if stored.mayAwaitStartGate { holdAtStart(stored.state) }
            adopted.append(record.model)
        }
        guard !adopted.isEmpty else { return [] }
        do {
            try publishRouting(publisher.config)
        } catch {
            logger.error("releases changed by another replica, but the routing could not be rebuilt: \(error)")
        }
        for model in adopted {
            logger.info("release of \(model) changed on another replica: now \(releases[model]?.state.phase.rawValue ?? "?"), revision \(releases[model]?.state.revision ?? 0)")
        }
        return adopted
    }

    /// The release another replica stored for `model` while this one was starting it, if it
    /// runs the configured release.
    func storedReleaseOfAnotherReplica(_ model: ModelConfig) async -> ManagedRelease? {
        guard let record = try? await store?.release(model: model.name), let stored = storedManagedRelease(record, of: model),
            stored.configSpec == model.release
        else { return nil }
        return stored
    }
}
