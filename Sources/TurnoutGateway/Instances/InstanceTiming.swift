/// The supervisor's probe intervals, restart backoff and crash-loop rule.
package struct InstanceTiming: Sendable {
    /// How often a starting instance is probed: short, so a new instance gets traffic soon
    /// after it is ready and a rolling update's batches are not paced by the probe.
    package var probeWhileStarting: Duration = .milliseconds(200)
    /// How often a ready instance is probed: only to notice a server that stopped answering;
    /// the data plane ejects an instance whose requests fail much sooner.
    package var probeWhileReady: Duration = .seconds(1)
    /// How long one probe may take.
    package var probeTimeout: Duration = .seconds(1)
    /// Failed probes in a row after which a ready instance leaves the ready set: one lost probe
    /// of a busy server is no reason to take it out of routing.
    package var failuresBeforeUnready = 3
    /// The wait before the first restart of a crashed instance; it doubles with every crash.
    package var firstBackoff: Duration = .milliseconds(500)
    /// The longest wait between restarts, so a fixed fault is picked up within this.
    package var maximumBackoff: Duration = .seconds(30)
    /// How long an instance must have been ready for its next crash to restart at once again
    /// (the backoff goes back to ``firstBackoff``).
    package var stableAfter: Duration = .seconds(60)
    /// Exits without becoming ready, within ``crashLoopWindow``, that make a crash loop.
    package var crashLoopExits = 3
    /// See ``crashLoopExits``.
    package var crashLoopWindow: Duration = .seconds(60)
    /// How long a drained instance that was ready keeps running, so the requests already routed
    /// to it finish before it is asked to stop.
    package var drainDelay: Duration = .seconds(1)

    package init() {}

    /// The backoff after `current`: doubled, at most ``maximumBackoff``.
    package func backoff(after current: Duration) -> Duration {
        min(current * 2, maximumBackoff)
    }
}
