import Atomics
import NIOCore
import NIOExtras

/// Stops a server once: no new connections, idle ones closed, busy ones closed after their
/// current response, and ``finished`` completes when all are closed or the grace period is over.
final class GracefulStop: Sendable {
    private let loop: any EventLoop
    private let quiescing: ServerQuiescingHelper
    private let grace: Duration
    private let started = ManagedAtomic(false)
    private let completed: NIOLoopBoundBox<Bool>
    private let promise: EventLoopPromise<Void>
    private let onGraceExpired: @Sendable () -> Void

    /// Completes when the server has stopped.
    var finished: EventLoopFuture<Void> { promise.futureResult }

    init(loop: any EventLoop, quiescing: ServerQuiescingHelper, grace: Duration, onGraceExpired: @escaping @Sendable () -> Void) {
        self.onGraceExpired = onGraceExpired
        self.loop = loop
        self.quiescing = quiescing
        self.grace = grace
        self.completed = NIOLoopBoundBox.makeBoxSendingValue(false, eventLoop: loop)
        self.promise = loop.makePromise(of: Void.self)
    }

    /// Starts stopping; later calls do nothing.
    func begin() {
        guard started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let drained = loop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: drained)
        drained.futureResult.whenComplete { _ in self.complete() }
        loop.scheduleTask(in: TimeAmount(grace)) {
            self.onGraceExpired()
            self.complete()
        }
    }

    private func complete() {
        loop.execute {
            guard !self.completed.value else { return }
            self.completed.value = true
            self.promise.succeed(())
        }
    }
}
