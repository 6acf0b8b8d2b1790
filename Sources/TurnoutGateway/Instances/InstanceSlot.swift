import Foundation

/// One instance the supervisor keeps running, across the processes that serve it in turn.
struct InstanceSlot {
    let number: Int
    let launch: InstanceLaunch
    /// The task that starts, watches and restarts it.
    var task: Task<Void, Never>?
    /// The running process (or Pod) serving it.
    var handle: (any InstanceHandle)?
    /// Since when it has been ready, on the reported clock and on the one backoff goes by.
    var ready: (since: Date, at: ContinuousClock.Instant)?
    var failedProbes = 0
    var draining = false
    var restarts = 0
    var lastExit: String?
    /// When it ended since it was last ready, for the crash-loop rule.
    var exitsSinceReady: [ContinuousClock.Instant] = []
    /// Why it is in a crash loop, while it is in one.
    var crashLoop: String?
    var backoff: Duration

    init(number: Int, launch: InstanceLaunch, backoff: Duration) {
        self.number = number
        self.launch = launch
        self.backoff = backoff
    }

    /// Whether the data plane may send it requests.
    var isReady: Bool { ready != nil && handle != nil && !draining }

    var status: InstanceStatus {
        InstanceStatus(
            number: number,
            state: state,
            address: handle?.address,
            readySince: isReady ? ready?.since : nil,
            restarts: restarts,
            lastExit: lastExit
        )
    }

    private var state: InstanceStatus.State {
        if draining { return .draining }
        if isReady { return .ready }
        if let crashLoop { return .failed(reason: crashLoop) }
        return .starting
    }
}
