import Foundation

/// What the supervisor knows about one instance, for `turnout status` and the controllers.
package struct InstanceStatus: Sendable, Equatable {
    /// Where the instance is in its life.
    package enum State: Sendable, Equatable {
        /// Started (or restarting), not ready yet; it gets no traffic.
        case starting
        /// It passes its readiness probe and gets traffic.
        case ready
        /// It was scaled away: it gets no new traffic and is stopped after the drain delay.
        case draining
        /// It is in a crash loop (it keeps exiting without becoming ready); `reason` tells how it
        /// last ended. It is still restarted with the backoff.
        case failed(reason: String)
    }

    /// The instance's number within its version.
    package let number: Int
    package let state: State
    /// Where it listens, while a process of it runs.
    package let address: InstanceAddress?
    /// Since when it has been ready.
    package let readySince: Date?
    /// How often it was restarted after it ended unexpectedly.
    package let restarts: Int
    /// How it last ended, if it ever did.
    package let lastExit: String?

    package init(number: Int, state: State, address: InstanceAddress?, readySince: Date?, restarts: Int, lastExit: String?) {
        self.number = number
        self.state = state
        self.address = address
        self.readySince = readySince
        self.restarts = restarts
        self.lastExit = lastExit
    }
}
