import NIOCore
import NIOHTTP1
import TurnoutCore

extension InferenceHandler {
    /// Waits up to `hold` for an instance of the routed version: a release that replaces every
    /// instance (recreate) leaves a gap the client should not see as an error.
    ///
    /// The wait is checked by the loop's deadline sweep (``LoopContext/sweepInterval``) rather
    /// than on a notification from the publisher: a held request costs one slot in a sweep that
    /// runs anyway, a closed client is dropped from it with the rest of its exchange, and no
    /// publisher has to know which connections wait on which version. The price is that a held
    /// request starts at most one sweep interval after its instance is published.
    func holdForInstance(_ hold: TimeAmount, head: HTTPRequestHead) {
        exchange.clientHead = head
        state.holdForInstance(hold, at: loop.now)
        if let model = exchange.model { loop.holdCounters(model: model.config.name).recordHeld() }
        loop.watch(self)
    }

    /// Called by the loop's sweep while holding: sends the request to an instance of its version
    /// in the snapshot published since, or refuses it once the hold has run out.
    func checkHold(now: NIODeadline) {
        if let (version, group, instance) = readyInstance(now: now), let head = exchange.clientHead {
            exchange.version = version
            state.instanceFound(timeouts: group.config.timeouts, at: now)
            send(head, to: instance, of: version, in: group)
        } else if state.holdRanOut(at: now) {
            refuseHeld(because: "no instance became ready")
        }
    }

    /// An available instance of the held request's model and version in the current snapshot;
    /// of the version with the largest share when the release has since moved all of its
    /// traffic away from the held one (a recreate rolled back), so the request does not wait
    /// for a version that will not come back.
    private func readyInstance(now: NIODeadline) -> (VersionRuntime, UpstreamGroup, UpstreamInstance)? {
        guard let model = exchange.model, let held = exchange.version?.name,
              let current = shared.snapshot.load(ordering: .acquiring).models[model.config.name]
        else { return nil }
        let target = Self.heldTarget(held, decision: exchange.decision, weights: current.policy.weights)
        guard let version = current.versions[target], case .upstream(let group) = version.backend,
              let instance = group.pick(on: loop, at: now)
        else { return nil }
        // The decision log names the version that answered.
        if target != held { exchange.decision?.primary = target }
        return (version, group, instance)
    }

    /// The version a held request goes to: its own while the release still gives it traffic
    /// (or the client pinned it by path), else the one with the largest share now.
    static func heldTarget(_ held: String, decision: Decision?, weights: [VersionWeight]) -> String {
        guard decision?.reason != .pinned, !weights.contains(where: { $0.version == held && $0.weight > 0 }),
              let largest = weights.max(by: { $0.weight < $1.weight }), largest.weight > 0
        else { return held }
        return largest.version
    }

    /// Answers a held request 503 with `Retry-After` (the hold, in whole seconds, at least one):
    /// an instance is likely to be ready by then.
    func refuseHeld(because reason: String) {
        let model = exchange.model?.config.name ?? "none"
        let version = exchange.version?.name ?? "none"
        let held = state.heldFor(at: loop.now)
        let hold = exchange.model?.hold ?? .zero
        exchange.errorKind = UpstreamError.noInstance.metricReason
        loop.metrics.recordUpstreamError(model: model, version: version, reason: UpstreamError.noInstance.metricReason)
        loop.holdCounters(model: model).recordRefused()
        let retryAfter = max(1, (hold.nanoseconds + 999_999_999) / 1_000_000_000)
        respondError(
            .serviceUnavailable,
            "model '\(model)' version '\(version)' has no ready instance: \(reason) while the request waited \(Self.durationText(held))",
            headers: [("retry-after", String(retryAfter))]
        )
    }

    /// A duration as the configuration writes one: whole seconds, or milliseconds when finer.
    private static func durationText(_ amount: TimeAmount) -> String {
        let millis = amount.nanoseconds / 1_000_000
        return millis % 1_000 == 0 ? "\(millis / 1_000)s" : "\(millis)ms"
    }
}
