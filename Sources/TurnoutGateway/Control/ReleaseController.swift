import Foundation
import Logging
import TurnoutCore
import TurnoutStats
import TurnoutStore

/// Drives every model's release: starts releases from the configuration, applies operators'
/// commands through the lifecycle, persists each transition with its audit event, and only then
/// changes routing. After a restart it resumes each release from the store.
///
/// An actor, so changes to one gateway's releases happen one at a time.
actor ReleaseController {
    let store: (any Store)?
    /// What each model's controller remembers between ticks, of its strategy's own progress
    /// type (``DrivenStrategy``): when an A/B test or bandit last looked; a canary's or
    /// blue-green release's timers and failure counts, which are also stored.
    var controllerProgress: [String: any Sendable] = [:]
    /// The traffic shares a controller routes by (a bandit's, recomputed from the store's
    /// evidence; a recreate's, from its progress), so never stored.
    var routedShares: [String: [VersionWeight]] = [:]
    /// The instances of the `process` versions; `nil` in a controller without them.
    let instances: ManagedInstances?
    /// Models whose controller asked for instances on its latest step: while it does, it alone
    /// decides how many run.
    var scalingControllers: Set<String> = []
    /// The held and refused requests of each recreate release's model when it started, so its
    /// event counts only its own.
    var holdBaselines: [String: (startedAt: Double, totals: HoldTotals)] = [:]
    /// The newest analysis of each canary or blue-green release, for the admin API.
    var rolloutAnalyses: [String: RolloutAnalysis] = [:]
    /// Per model, the last analysis at each step of its running release.
    var stepAnalyses: [String: StepAnalyses] = [:]
    /// Runs blue-green smoke tests against the preview.
    var smokeRunner: SmokeRunner?
    /// Asks the metric checks' providers (Prometheus, web endpoints) during analyses.
    let metricChecks: MetricCheckRunner
    /// Sends the models' release notifications (`notify`) off the controller; `nil` sends none.
    let notifier: Notifier?
    /// Where each newest analysis is exported as metrics; `nil` exports none.
    let analysisGauges: AnalysisGauges?
    /// Smoke runs in progress (by model) and their outcomes once done, for the release revision
    /// they were started at; they run off the ticker so a slow preview holds up no other release.
    var smokeRuns: [String: Int] = [:]
    var smokeOutcomes: [String: (revision: Int, outcome: CheckOutcome)] = [:]
    /// The gate holding each model's release (``gateOpens(for:model:revision:)``), for the revision it holds.
    var gateHolds: [String: GateStatus] = [:]
    /// Aborts and rollbacks whose `after_rollback` gate has not answered 200 yet.
    var rollbackReceipts: [String: GateStatus] = [:]
    /// New releases held by their `before_start` gate (``holdAtStart(_:)``), by the revision held.
    var startHolds: [String: Int] = [:]
    /// Models whose `before_start` gate is being asked now, so overlapping ticks ask it once.
    var startGateCalls: Set<String> = []
    /// Randomness for the bandits' Monte Carlo estimates.
    var random = SeededGenerator.fromEntropy()
    let publisher: SnapshotPublisher
    let logger: Logger
    private let clock: @Sendable () -> Date
    /// The shadow comparisons, reset whenever a model starts a new release.
    let shadowLedger: ShadowLedger?
    var releases: [String: ManagedRelease] = [:]
    /// The audit log when there is no store: the newest events, oldest first.
    private var memoryEvents: [AuditEvent] = []
    private static let memoryEventLimit = 1_000

    init(
        store: (any Store)?, publisher: SnapshotPublisher, logger: Logger, shadowLedger: ShadowLedger? = nil,
        smokeRunner: SmokeRunner? = nil, instances: ManagedInstances? = nil, metricChecks: MetricCheckRunner = MetricCheckRunner(),
        notifier: Notifier? = nil, analysisGauges: AnalysisGauges? = nil, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.metricChecks = metricChecks
        self.notifier = notifier
        self.analysisGauges = analysisGauges
        self.instances = instances
        self.store = store
        self.shadowLedger = shadowLedger
        self.smokeRunner = smokeRunner
        self.publisher = publisher
        self.logger = logger
        self.clock = clock
    }

    /// Resumes the stored releases of the configured models, starts a release for each model
    /// without one (or whose configured release changed), and publishes the routing.
    func recover() async throws(GatewayError) {
        let config = publisher.config
        var stored: [String: ReleaseRecord] = [:]
        if let store {
            do {
                for record in try await store.releases() { stored[record.model] = record }
            } catch {
                throw GatewayError("cannot read the stored releases: \(error)")
            }
        }
        for model in config.models {
            guard let record = stored[model.name] else {
                try await startFromConfig(model, previous: nil, storedRevision: 0, reason: nil)
                continue
            }
            let resumed = storedManagedRelease(record, of: model)
            if let resumed, resumed.configSpec == model.release, Self.versions(of: resumed.state.spec).isSubset(of: Set(model.versions.map(\.name))) {
                releases[model.name] = resumed
                if resumed.mayAwaitStartGate { holdAtStart(resumed.state) }
                logger.info("resumed release of \(model.name): \(resumed.state.spec.strategyName), \(resumed.state.phase.rawValue), step \(min(resumed.state.step + 1, resumed.state.stepCount)) of \(resumed.state.stepCount), revision \(resumed.state.revision)")
            } else {
                let why = resumed == nil ? "the stored release could not be used" : "the configured release changed"
                try await startFromConfig(model, previous: resumed?.state, storedRevision: Int(clamping: record.revision), reason: why)
            }
        }
        try publishRouting(config)
    }

    /// Applies a changed configuration file: models whose configured release changed start it,
    /// the others keep their release where it stands.
    func reload(_ config: TurnoutConfig) async throws(GatewayError) {
        var starts: [(ModelConfig, ReleaseState?)] = []
        for model in config.models {
            let current = releases[model.name]
            let versions = Set(model.versions.map(\.name))
            if let current, current.configSpec == model.release, Self.versions(of: current.state.spec).isSubset(of: versions) { continue }
            starts.append((model, current?.state))
        }
        // Build first: a configuration whose model files do not load changes nothing.
        var routing = currentRouting(for: config)
        for (model, _) in starts { routing[model.name] = model.release }
        _ = try publisher.prepare(config, routing: routing, holds: holds(for: config))
        do {
            for (model, previous) in starts {
                let stored = previous == nil ? try await storedRelease(of: model.name) : nil
                try await startFromConfig(
                    model, previous: previous ?? stored?.state, storedRevision: previous?.revision ?? stored?.revision ?? 0,
                    reason: "the configuration file changed"
                )
            }
        } catch {
            // Releases stored before the failure are in force; route by them, then report.
            try? publishRouting(publisher.config)
            throw error
        }
        try publishRouting(config)
    }

    /// A release the store holds for a model this gateway does not manage yet (one added back
    /// to the configuration), so a new release continues its revision.
    private func storedRelease(of model: String) async throws(GatewayError) -> (state: ReleaseState?, revision: Int)? {
        guard let store else { return nil }
        let record: ReleaseRecord?
        do {
            record = try await store.release(model: model)
        } catch {
            throw GatewayError("cannot read the stored release of \(model): \(error)")
        }
        guard let record else { return nil }
        let managed = publisher.config.model(named: model).flatMap { storedManagedRelease(record, of: $0) }
        return (managed?.state, Int(clamping: record.revision))
    }

    /// Starts `spec` as a new release of `model` (a `PUT` of the admin API).
    ///
    /// Putting the release that is already in force changes nothing, so `turnout apply` can be
    /// run again safely; `retry` restarts a release on purpose.
    func put(model name: String, spec: ReleaseSpec, ifMatch: Int?, actor: String) async throws(ReleaseControlError) -> ReleaseState {
        guard let current = releases[name] else { throw .unknownModel(name) }
        try check(ifMatch, against: current.state)
        if spec == current.state.spec { return current.state }
        let now = now
        let transition = ReleaseLifecycle.start(
            model: name, spec: spec, previousStable: ReleaseState.previousStable(for: spec, replacing: current.state),
            replacing: current.state, actor: actor, now: now
        )
        try await commit(transition, managed: ManagedRelease(state: transition.state, configSpec: current.configSpec, startedAt: now), expected: current.state.revision)
        return transition.state
    }

    /// Applies a lifecycle command such as promote or abort.
    func apply(_ command: LifecycleCommand, model name: String, ifMatch: Int?, actor: String, reason: String?) async throws(ReleaseControlError) -> ReleaseState {
        guard let current = releases[name] else { throw .unknownModel(name) }
        try check(ifMatch, against: current.state)
        switch ReleaseLifecycle.apply(command, to: current.state, actor: actor, now: now, reason: reason) {
        case .success(let transition):
            var managed = current
            managed.state = transition.state
            // A retried A/B test gathers its evidence afresh.
            if command == .retry {
                managed.startedAt = now
                managed.conclusion = nil
            }
            // A resumed blue-green release judges the preview on the traffic mirrored from now on.
            if command == .resume, current.state.spec.as(BlueGreenSpec.self) != nil {
                await shadowLedger?.reset(model: name)
            }
            try await commit(transition, managed: managed, expected: current.state.revision)
            return transition.state
        case .failure(let error):
            throw .refused(error)
        }
    }

    /// The release of `model`, if the model exists.
    func release(of model: String) -> ReleaseState? {
        releases[model]?.state
    }

    /// The newest analysis of a canary or blue-green release.
    func rolloutAnalysis(of model: String) -> RolloutAnalysis? {
        rolloutAnalyses[model]
    }

    /// The last analysis at each step of the model's running release, in step order.
    func stepAnalyses(of model: String) -> [RolloutAnalysis] {
        guard let spec = releases[model]?.state.spec, let analyses = stepAnalyses[model], analyses.spec == spec else { return [] }
        return analyses.inStepOrder
    }

    /// The release of `model` with what its controller keeps.
    func managedRelease(of model: String) -> ManagedRelease? {
        releases[model]
    }

    /// The newest `limit` audit events, of one model or of all.
    func events(model: String?, limit: Int) async throws -> [AuditEvent] {
        if let store { return try await store.events(model: model, limit: limit) }
        return Array(memoryEvents.reversed().lazy.filter { model == nil || $0.model == model }.prefix(limit))
    }

    // MARK: Internals

    var now: Double { clock().timeIntervalSince1970 }

    func check(_ ifMatch: Int?, against state: ReleaseState) throws(ReleaseControlError) {
        if let ifMatch, ifMatch != state.revision {
            throw .staleRevision(model: state.model, expected: ifMatch, actual: state.revision)
        }
    }

    private func startFromConfig(_ model: ModelConfig, previous: ReleaseState?, storedRevision: Int, reason: String?) async throws(GatewayError) {
        // One time for the state and its start, so a restart can tell a release that never moved (``holdAtStart(_:)``).
        let now = now
        var transition = ReleaseLifecycle.start(
            model: model.name, spec: model.release,
            previousStable: ReleaseState.previousStable(for: model.release, replacing: previous),
            replacing: previous, actor: "config", now: now
        )
        transition.state.revision = storedRevision + 1
        if let reason { transition.event.reason = "\(transition.event.reason) (\(reason))" }
        do {
            try await persist(transition, managed: ManagedRelease(state: transition.state, configSpec: model.release, startedAt: now), expected: storedRevision)
        } catch StoreError.revisionConflict {
            // Another replica on the shared store started the same release a moment earlier: run its.
            guard let stored = await storedReleaseOfAnotherReplica(model) else {
                throw GatewayError("cannot store the release of \(model.name): another replica changed it at the same time")
            }
            releases[model.name] = stored
            routedShares[model.name] = nil
            controllerProgress[model.name] = nil
            return
        } catch {
            throw GatewayError("cannot store the release of \(model.name): \(error)")
        }
        releases[model.name] = ManagedRelease(state: transition.state, configSpec: model.release, startedAt: now)
        holdAtStart(transition.state)
        // A new release learns afresh.
        routedShares[model.name] = nil
        controllerProgress[model.name] = nil
        await shadowLedger?.reset(model: model.name)
    }

    /// Persists a transition, then changes routing; if either fails, nothing changes.
    func commit(_ transition: ReleaseTransition, managed: ManagedRelease, expected: Int) async throws(ReleaseControlError) {
        let config = publisher.config
        var routing = currentRouting(for: config)
        routing[transition.state.model] = transition.state.routing
        do {
            // Build first: a change whose routing cannot be built is refused before it is stored.
            _ = try publisher.prepare(config, routing: routing, holds: holds(for: config))
        } catch {
            throw .failed("cannot build the new routing: \(error)")
        }
        do {
            try await persist(transition, managed: managed, expected: expected)
        } catch StoreError.revisionConflict(_, _, let actual) {
            throw .staleRevision(model: transition.state.model, expected: expected, actual: Int(actual))
        } catch {
            throw .failed("cannot store the release change, so nothing changed: \(error)")
        }
        let restarted = releases[transition.state.model]?.startedAt != managed.startedAt
        if restarted {
            // A new or retried release learns afresh.
            routedShares[transition.state.model] = nil
            shadowLedger?.forget(model: transition.state.model)
        }
        releases[transition.state.model] = managed
        if transition.event.action == "start" { holdAtStart(transition.state) }
        // Other changes may have been published while this one was being stored (the actor
        // re-enters at the await): build from the state as it is now, not from before.
        do {
            try publishRouting(publisher.config)
        } catch {
            logger.error("release of \(transition.state.model) stored, but the routing could not be rebuilt: \(error)")
        }
        // After the new routing is out, so mirrors of the old one that were still running are forgotten too.
        if restarted { await shadowLedger?.reset(model: transition.state.model) }
        announce(transition)
        noteRollback(transition)
        logger.info("release of \(transition.state.model): \(transition.event.action) by \(transition.event.actor), now \(transition.state.phase.rawValue) (\(transition.state.reason))")
    }

    private func persist(_ transition: ReleaseTransition, managed: ManagedRelease, expected: Int) async throws {
        let event = transition.event
        guard let store else {
            memoryEvents.append(event)
            if memoryEvents.count > Self.memoryEventLimit { memoryEvents.removeFirst(memoryEvents.count - Self.memoryEventLimit) }
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let record = ReleaseRecord(
            model: transition.state.model,
            spec: String(decoding: try encoder.encode(transition.state.spec), as: UTF8.self),
            phase: transition.state.phase.rawValue,
            step: transition.state.step,
            controllerState: String(decoding: try encoder.encode(managed), as: UTF8.self),
            revision: Int64(transition.state.revision),
            updatedAt: Date(timeIntervalSince1970: transition.state.updatedAt)
        )
        _ = try await store.saveRelease(record, expectedRevision: Int64(expected), event: event)
    }

    func publishRouting(_ config: TurnoutConfig) throws(GatewayError) {
        publisher.publish(try publisher.prepare(config, routing: currentRouting(for: config), holds: holds(for: config)))
    }

    private func currentRouting(for config: TurnoutConfig) -> [String: ReleaseSpec] {
        var routing: [String: ReleaseSpec] = [:]
        for model in config.models {
            guard let managed = releases[model.name] else { continue }
            if awaitsStart(model.name) {
                routing[model.name] = .single(version: managed.state.stableVersion)
                continue
            }
            var spec = managed.state.routing
            if var bandit = spec.as(BanditSpec.self), let shares = routedShares[model.name] {
                bandit.shares = shares
                spec = .bandit(bandit)
            } else if managed.state.spec.as(RollingSpec.self) != nil {
                // Routed by its instances in every phase: the snapshot weighs its versions by their ready instances.
                spec = managed.state.spec
            } else if managed.state.spec.as(RecreateSpec.self) != nil, let shares = routedShares[model.name] {
                spec = .split(weights: shares)
            }
            routing[model.name] = spec
        }
        return routing
    }

    /// How long each model's requests may wait for an instance: a recreate's `hold`; for other
    /// models with `process` versions ``ManagedInstances/startupHold``, so requests sent while
    /// their instances start (or restart) wait for them rather than fail at once.
    func holds(for config: TurnoutConfig) -> [String: Duration] {
        var holds: [String: Duration] = [:]
        for model in config.models where model.versions.contains(where: { $0.process != nil }) {
            holds[model.name] = releases[model.name]?.state.spec.as(RecreateSpec.self).map { .seconds($0.hold) } ?? ManagedInstances.startupHold
        }
        return holds
    }

    /// Swaps in a controller's new traffic shares (a bandit's, a recreate's).
    func publishShares(_ shares: [VersionWeight], for model: String) {
        guard routedShares[model] != shares else { return }
        routedShares[model] = shares
        do {
            try publishRouting(publisher.config)
        } catch {
            logger.error("cannot route by the new shares of \(model): \(error)")
        }
    }

    private static func versions(of spec: ReleaseSpec) -> Set<String> {
        Set(spec.referencedVersions)
    }
}
